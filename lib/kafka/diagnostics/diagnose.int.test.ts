import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createKafka, describeCluster } from "@/lib/kafka/connection";
import { findFreePort, startLocalBroker, type LocalBroker } from "@/lib/kafka/local-broker";
import { TEST_SASL_USERS, testInfrastructure } from "@/lib/devstack/testing/test-infrastructure";
import { diagnoseKafka } from "./diagnose";
import { isNodeAssignmentTimeout } from "./node-assignment";
import type { DiagnosisReport, EndpointCheck } from "./report";

const infra = testInfrastructure();
const [plainUser, scramUser] = TEST_SASL_USERS;

const jaas = (
  module: "plain.PlainLoginModule" | "scram.ScramLoginModule",
  username: string,
  password: string,
) =>
  `org.apache.kafka.common.security.${module} required username="${username}" password="${password}";`;

const statuses = (check: EndpointCheck) =>
  Object.fromEntries(check.steps.map((s) => [s.name, s.status]));
const failure = (check: EndpointCheck) => check.steps.find((s) => s.status === "failed")?.error;

describe("diagnoseKafka against the test broker", () => {
  it("finds a healthy cluster healthy, checking each advertised endpoint", async () => {
    const report = await diagnoseKafka({ bootstrapServers: infra.bootstrapServers });
    expect(report.explanation.verdict).toBe("ok");
    expect(report.ok).toBe(true);
    expect(report.bootstrap.map(statuses)).toEqual([
      { dns: "ok", tcp: "ok", kafka: "ok", metadata: "ok" },
    ]);
    expect(report.cluster?.brokers.length).toBeGreaterThan(0);
    expect(report.cluster?.readThrough).toBe(infra.bootstrapServers);
    expect(report.brokers.map((b) => `${b.nodeId}@${b.address}`)).toEqual(
      report.cluster!.brokers.map((b) => `${b.nodeId}@${b.host}:${b.port}`),
    );
    expect(report.brokers.every((b) => b.ok)).toBe(true);
    expect(report.explanation.summary).toContain(
      `Bootstrap at ${infra.bootstrapServers} worked. Cluster ${report.cluster!.clusterId}`,
    );
    for (const step of report.bootstrap[0].steps) expect(step.durationMs).toBeGreaterThanOrEqual(0);
  });

  it("explains a port where nothing listens", async () => {
    const port = await findFreePort();
    const report = await diagnoseKafka({ bootstrapServers: `127.0.0.1:${port}` });
    expect(report.explanation.verdict).toBe("bootstrap-unreachable");
    expect(failure(report.bootstrap[0])?.kind).toBe("connection-refused");
    expect(report.brokers).toEqual([]);
  });

  it("explains a host name that does not resolve", async () => {
    const report = await diagnoseKafka({ bootstrapServers: "no-such-broker.invalid:9092" });
    expect(report.explanation.verdict).toBe("bootstrap-dns");
    expect(statuses(report.bootstrap[0])).toEqual({
      dns: "failed",
      tcp: "skipped",
      kafka: "skipped",
      metadata: "skipped",
    });
  });

  it("explains TLS spoken to a PLAINTEXT listener", async () => {
    const report = await diagnoseKafka({
      bootstrapServers: infra.bootstrapServers,
      properties: { "security.protocol": "SSL" },
    });
    expect(report.explanation.verdict).toBe("security-protocol-mismatch");
    expect(failure(report.bootstrap[0])?.kind).toBe("tls-not-spoken");
  });

  it("explains a SASL client against the PLAINTEXT listener", async () => {
    const report = await diagnoseKafka({
      bootstrapServers: infra.bootstrapServers,
      properties: {
        "security.protocol": "SASL_PLAINTEXT",
        "sasl.mechanism": "PLAIN",
        "sasl.jaas.config": jaas("plain.PlainLoginModule", plainUser.username, plainUser.password),
      },
    });
    expect(report.explanation.verdict).toBe("security-protocol-mismatch");
    expect(failure(report.bootstrap[0])).toMatchObject({
      kind: "sasl-not-expected",
      code: "ILLEGAL_SASL_STATE",
    });
    expect(report.explanation.summary).toBe(
      `${infra.bootstrapServers} is a listener without SASL (PLAINTEXT or SSL), but security.protocol is SASL_PLAINTEXT: the broker refused the SASL handshake.`,
    );
    expect(JSON.stringify(report)).not.toContain(plainUser.password);
  });
});

describe.skipIf(!infra.saslBootstrapServers)(
  "diagnoseKafka against the test broker's SASL listener",
  () => {
    const sasl = infra.saslBootstrapServers!;

    for (const [mechanism, user, module] of [
      ["PLAIN", plainUser, "plain.PlainLoginModule"],
      ["SCRAM-SHA-256", scramUser, "scram.ScramLoginModule"],
      ["SCRAM-SHA-512", scramUser, "scram.ScramLoginModule"],
    ] as const) {
      it(`authenticates with SASL ${mechanism} and the right password`, async () => {
        const report = await diagnoseKafka({
          bootstrapServers: sasl,
          // As written in a table's WITH clause.
          properties: {
            "properties.security.protocol": "SASL_PLAINTEXT",
            "properties.sasl.mechanism": mechanism,
            "properties.sasl.jaas.config": jaas(module, user.username, user.password),
          },
        });
        expect(report.explanation.verdict).toBe("ok");
        expect(report.saslMechanism).toBe(mechanism);
        expect(report.explanation.summary).toContain(
          `authenticates user '${user.username}' with SASL ${mechanism}`,
        );
        expect(report.bootstrap[0].steps.find((s) => s.name === "kafka")?.label).toBe(
          `Kafka ApiVersions + SASL ${mechanism} as '${user.username}'`,
        );
        expect(JSON.stringify(report)).not.toContain(user.password);
      });
    }

    it("explains a wrong password without echoing it", async () => {
      const wrong = "Wrong-Pa55word-xyz";
      const report = await diagnoseKafka({
        bootstrapServers: sasl,
        properties: {
          "security.protocol": "SASL_PLAINTEXT",
          "sasl.mechanism": "SCRAM-SHA-256",
          "sasl.jaas.config": jaas("scram.ScramLoginModule", scramUser.username, wrong),
        },
      });
      expect(report.explanation.verdict).toBe("sasl-authentication-failed");
      expect(failure(report.bootstrap[0])?.kind).toBe("sasl-authentication");
      expect(report.explanation.summary).toContain(
        `rejected the SASL SCRAM-SHA-256 credentials of user '${scramUser.username}'`,
      );
      expect(report.properties["sasl.jaas.config"]).toBe(
        jaas("scram.ScramLoginModule", scramUser.username, "******"),
      );
      expect(JSON.stringify(report)).not.toContain(wrong);
    });

    it("explains a PLAINTEXT client against the SASL listener", async () => {
      const report = await diagnoseKafka({ bootstrapServers: sasl });
      expect(report.explanation.verdict).toBe("security-protocol-mismatch");
      expect(failure(report.bootstrap[0])?.kind).toBe("sasl-expected");
    });
  },
);

/**
 * A second broker whose PLAINTEXT listener advertises 127.0.0.1:<advertisedPort>, where nothing
 * listens at first. Later, a TLS-terminating proxy is opened on that port, forwarding to the
 * broker, so the same broker serves the SSL cases with a reachable advertised address.
 */
describe("a second broker whose advertised listener points elsewhere", () => {
  let dataDir: string;
  let broker: LocalBroker;
  let advertisedPort: number;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "tributary-diagnose-broker-"));
    advertisedPort = await findFreePort();
    broker = await startLocalBroker({
      dataDir,
      port: await findFreePort(),
      controllerPort: await findFreePort(),
      advertisedListener: `127.0.0.1:${advertisedPort}`,
      stopGraceMs: 10_000,
    });
  }, 180_000);

  afterAll(async () => {
    await broker?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 60_000);

  it("says bootstrap worked but the advertised address refuses connections, and how to fix it", async () => {
    const report = await diagnoseKafka({ bootstrapServers: broker.bootstrapServers });
    expect(report.ok).toBe(false);
    expect(report.explanation.verdict).toBe("advertised-listener-unreachable");
    expect(report.bootstrap[0].ok).toBe(true);
    expect(report.cluster?.brokers).toEqual([
      { nodeId: 1, host: "127.0.0.1", port: advertisedPort },
    ]);
    expect(report.brokers).toHaveLength(1);
    expect(statuses(report.brokers[0])).toEqual({
      dns: "ok",
      tcp: "failed",
      kafka: "skipped",
      metadata: "skipped",
    });
    expect(failure(report.brokers[0])).toMatchObject({
      kind: "connection-refused",
      code: "ECONNREFUSED",
    });
    expect(report.explanation.summary).toBe(
      `Bootstrap at ${broker.bootstrapServers} worked, but broker 1 advertises 127.0.0.1:${advertisedPort}, which refuses connections (nothing listens on that port). ` +
        "Clients connect to the advertised address for every read and write, so jobs fail with 'Timed out waiting for a node assignment'.",
    );
    expect(report.explanation.fix).toBe(
      "Fix the broker's advertised.listeners (listeners / advertised.listeners in server.properties) so that it names an address reachable from Tributary's workers.",
    );
  });

  it("recognises what an ordinary client gets from that broker as the node-assignment failure", async () => {
    const failure = await describeCluster(
      createKafka(broker.bootstrapServers, { retry: { retries: 0 } }),
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(failure).toBeDefined();
    expect(isNodeAssignmentTimeout(failure)).toBe(true);
  });

  describe("behind a TLS proxy on the advertised port", () => {
    let certDir: string;
    let cert: string;
    let proxy: tls.Server | undefined;
    const opensslMissing = (() => {
      try {
        execFileSync("openssl", ["version"], { stdio: "ignore" });
        return false;
      } catch {
        return true;
      }
    })();

    beforeAll(async () => {
      if (opensslMissing) return;
      certDir = await mkdtemp(path.join(tmpdir(), "tributary-diagnose-tls-"));
      // A self-signed certificate for the IP address only, so that "localhost" fails the host check.
      execFileSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-days",
          "1",
          "-subj",
          "/CN=127.0.0.1",
          "-addext",
          "subjectAltName=IP:127.0.0.1",
          "-keyout",
          path.join(certDir, "key.pem"),
          "-out",
          path.join(certDir, "cert.pem"),
        ],
        { stdio: "ignore" },
      );
      cert = await readFile(path.join(certDir, "cert.pem"), "utf8");
      const key = await readFile(path.join(certDir, "key.pem"), "utf8");
      const [, brokerPort] = broker.bootstrapServers.split(":");
      proxy = tls.createServer({ key, cert }, (client) => {
        const upstream = net.connect({ host: "127.0.0.1", port: Number(brokerPort) });
        client.pipe(upstream).pipe(client);
        const close = () => {
          client.destroy();
          upstream.destroy();
        };
        client.on("error", close);
        upstream.on("error", close);
      });
      proxy.on("tlsClientError", () => undefined);
      await new Promise<void>((resolve) => proxy!.listen(advertisedPort, "127.0.0.1", resolve));
    });

    afterAll(async () => {
      if (proxy) await new Promise<void>((resolve) => proxy!.close(() => resolve()));
      if (certDir) await rm(certDir, { recursive: true, force: true });
    });

    const ssl = () => ({
      "security.protocol": "SSL",
      "ssl.truststore.type": "PEM",
      "ssl.truststore.certificates": cert,
    });

    it.skipIf(opensslMissing)(
      "completes TLS to the bootstrap and the advertised address with the trusted certificate",
      async () => {
        const report: DiagnosisReport = await diagnoseKafka({
          bootstrapServers: `127.0.0.1:${advertisedPort}`,
          properties: ssl(),
        });
        expect(report.explanation.verdict).toBe("ok");
        expect(report.brokers.map(statuses)).toEqual([
          { dns: "ok", tcp: "ok", tls: "ok", kafka: "ok", metadata: "ok" },
        ]);
        expect(report.bootstrap[0].steps.find((s) => s.name === "tls")?.detail).toMatch(
          /^TLSv1\.[23], certificate for 127\.0\.0\.1/,
        );
      },
    );

    it.skipIf(opensslMissing)("explains an untrusted certificate", async () => {
      const report = await diagnoseKafka({
        bootstrapServers: `127.0.0.1:${advertisedPort}`,
        properties: { "security.protocol": "SSL" },
      });
      expect(report.explanation.verdict).toBe("tls-failed");
      expect(failure(report.bootstrap[0])).toMatchObject({
        kind: "tls-certificate",
        code: "DEPTH_ZERO_SELF_SIGNED_CERT",
      });
      expect(report.explanation.fix).toContain("ssl.truststore.certificates");
    });

    it.skipIf(opensslMissing)(
      "explains a certificate that does not name the host connected to",
      async () => {
        const report = await diagnoseKafka({
          bootstrapServers: `localhost:${advertisedPort}`,
          properties: ssl(),
        });
        expect(report.explanation.verdict).toBe("tls-failed");
        expect(failure(report.bootstrap[0])?.kind).toBe("tls-hostname");
      },
    );

    it.skipIf(opensslMissing)("explains a PLAINTEXT client against the TLS listener", async () => {
      const report = await diagnoseKafka({ bootstrapServers: `127.0.0.1:${advertisedPort}` });
      expect(report.explanation.verdict).toBe("security-protocol-mismatch");
      expect(failure(report.bootstrap[0])?.kind).toBe("closed-without-answer");
      expect(report.explanation.fix).toContain("set security.protocol to SSL (or SASL_SSL)");
    });

    it.skipIf(opensslMissing)(
      "explains an advertised address that speaks TLS to a PLAINTEXT client via the real listener",
      async () => {
        // Bootstrap through the broker's own PLAINTEXT port works; the advertised port now speaks TLS.
        const report = await diagnoseKafka({ bootstrapServers: broker.bootstrapServers });
        expect(report.explanation.verdict).toBe("advertised-listener-unreachable");
        expect(failure(report.brokers[0])?.kind).toBe("closed-without-answer");
        expect(report.explanation.summary).toContain(
          `broker 1 advertises 127.0.0.1:${advertisedPort}, which closes the connection without answering Kafka's first request`,
        );
      },
    );
  });
});
