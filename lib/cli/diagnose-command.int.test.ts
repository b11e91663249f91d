import { execFile } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findFreePort } from "@/lib/kafka/local-broker";
import { testInfrastructure } from "@/lib/devstack/testing/test-infrastructure";

const infra = testInfrastructure();
const bin = path.resolve(import.meta.dirname, "../../bin/tributary.mjs");

function tributary(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe("tributary diagnose", () => {
  it("prints a checklist and exits 0 against the healthy test broker", async () => {
    const { code, stdout } = await tributary(["diagnose", "--bootstrap", infra.bootstrapServers]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Bootstrap ${infra.bootstrapServers}`);
    expect(stdout).toMatch(/ok {4}TCP connect to /);
    expect(stdout).toContain("Diagnosis: all good");
  });

  it("exits 1 with the explanation when nothing listens", async () => {
    const port = await findFreePort();
    const { code, stdout } = await tributary(["diagnose", "-b", `127.0.0.1:${port}`]);
    expect(code).toBe(1);
    expect(stdout).toContain("FAIL  TCP connect to");
    expect(stdout).toContain("Diagnosis: bootstrap servers unreachable");
  });

  it("prints the report as JSON with --json and hides the password", async () => {
    const { code, stdout } = await tributary([
      "diagnose",
      "-b",
      infra.bootstrapServers,
      "-p",
      "security.protocol=SASL_PLAINTEXT",
      "-p",
      "sasl.mechanism=PLAIN",
      "-p",
      'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="cli-secret-77";',
      "--json",
    ]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.explanation.verdict).toBe("security-protocol-mismatch");
    expect(stdout).not.toContain("cli-secret-77");
  });
});
