import { describe, expect, it } from "vitest";
import { formatChecklist, wrap } from "./checklist";
import type { DiagnosisReport } from "./report";

const report: DiagnosisReport = {
  ok: false,
  checkedAt: "2026-01-01T00:00:00.000Z",
  durationMs: 24,
  bootstrapServers: ["kafka:9092"],
  securityProtocol: "PLAINTEXT",
  properties: {},
  propertyIssues: [
    {
      key: "sasl.mechanism",
      severity: "warning",
      message: "'sasl.mechanism' is set but 'security.protocol' is PLAINTEXT.",
    },
  ],
  bootstrap: [
    {
      address: "kafka:9092",
      host: "kafka",
      port: 9092,
      role: "bootstrap",
      ok: true,
      steps: [
        {
          name: "dns",
          label: "DNS lookup of kafka",
          status: "ok",
          durationMs: 1.25,
          detail: "resolves to 10.0.0.2",
        },
        {
          name: "tcp",
          label: "TCP connect to kafka:9092",
          status: "ok",
          durationMs: 12.4,
          detail: "connected to port 9092 (10.0.0.2)",
        },
      ],
    },
  ],
  cluster: {
    clusterId: "c1",
    controllerId: 1,
    brokers: [{ nodeId: 1, host: "broker-1.internal", port: 9092 }],
    readThrough: "kafka:9092",
  },
  brokers: [
    {
      address: "broker-1.internal:9092",
      host: "broker-1.internal",
      port: 9092,
      role: "advertised",
      nodeId: 1,
      ok: false,
      steps: [
        {
          name: "dns",
          label: "DNS lookup of broker-1.internal",
          status: "failed",
          durationMs: 3,
          error: {
            kind: "dns-not-found",
            message: "getaddrinfo ENOTFOUND broker-1.internal",
            code: "ENOTFOUND",
          },
        },
        {
          name: "tcp",
          label: "TCP connect to broker-1.internal:9092",
          status: "skipped",
          detail: "the host name did not resolve",
        },
      ],
    },
  ],
  explanation: {
    verdict: "advertised-listener-unreachable",
    summary:
      "Bootstrap at kafka:9092 worked, but broker 1 advertises broker-1.internal:9092, which does not resolve.",
    fix: "Fix the broker's advertised.listeners.",
    notes: ["The bootstrap address and the advertised one differ."],
  },
};

describe("formatChecklist", () => {
  it("prints one aligned line per step, grouped by address, then the diagnosis", () => {
    expect(formatChecklist(report, 100)).toBe(
      [
        "Kafka connectivity of kafka:9092 (PLAINTEXT), 24 ms",
        "  warning: 'sasl.mechanism' is set but 'security.protocol' is PLAINTEXT.",
        "",
        "Bootstrap kafka:9092",
        "  ok    DNS lookup of kafka                      1.3 ms  resolves to 10.0.0.2",
        "  ok    TCP connect to kafka:9092                 12 ms  connected to port 9092 (10.0.0.2)",
        "",
        "Broker 1, advertised as broker-1.internal:9092",
        "  FAIL  DNS lookup of broker-1.internal          3.0 ms  getaddrinfo ENOTFOUND broker-1.internal",
        "  skip  TCP connect to broker-1.internal:9092            the host name did not resolve",
        "",
        "Cluster c1: controller 1, brokers 1 at broker-1.internal:9092 (read through kafka:9092)",
        "",
        "Diagnosis: advertised listener unreachable",
        "  Bootstrap at kafka:9092 worked, but broker 1 advertises broker-1.internal:9092, which does not",
        "  resolve.",
        "",
        "What to change:",
        "  Fix the broker's advertised.listeners.",
        "",
        "Notes:",
        "  - The bootstrap address and the advertised one differ.",
      ].join("\n"),
    );
  });
});

describe("wrap", () => {
  it("breaks between words within the width and keeps long words whole", () => {
    expect(wrap("aaa bbb ccc ddd", 9, "  ")).toEqual(["  aaa bbb", "  ccc ddd"]);
    expect(wrap("x averyveryverylongword y", 8, "")).toEqual(["x", "averyveryverylongword", "y"]);
  });
});
