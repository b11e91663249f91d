/**
 * A diagnosis as a plain-text checklist for terminals: one line per step with its outcome and
 * timing, grouped by address, then the explanation. Pure. Browser-safe.
 */
import type { DiagnosisReport, EndpointCheck, Step, Verdict } from "./report";

const MARK: Record<Step["status"], string> = { ok: "ok  ", failed: "FAIL", skipped: "skip" };

export const VERDICT_TITLES: Record<Verdict, string> = {
  ok: "all good",
  "invalid-properties": "invalid client properties",
  "bootstrap-dns": "bootstrap servers do not resolve",
  "bootstrap-unreachable": "bootstrap servers unreachable",
  "tls-failed": "TLS handshake failed",
  "sasl-authentication-failed": "SASL authentication failed",
  "sasl-mechanism-not-enabled": "SASL mechanism not enabled",
  "security-protocol-mismatch": "security.protocol does not match the listener",
  "bootstrap-failed": "bootstrap failed",
  "no-brokers": "no brokers in the cluster metadata",
  "advertised-listener-unreachable": "advertised listener unreachable",
  "bootstrap-partly-unreachable": "some bootstrap servers unreachable",
};

export function endpointTitle(check: EndpointCheck): string {
  return check.role === "bootstrap"
    ? `Bootstrap ${check.address}`
    : `Broker ${check.nodeId}, advertised as ${check.address}`;
}

function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return "";
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** Greedy word wrap; a word longer than the width keeps its own line. */
export function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "" && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") lines.push(indent + line);
  return lines;
}

function stepLines(step: Step, labelWidth: number): string[] {
  const result = step.status === "failed" ? (step.error?.message ?? "failed") : (step.detail ?? "");
  const head = `  ${MARK[step.status]}  ${step.label.padEnd(labelWidth)}  ${formatDuration(step.durationMs).padStart(8)}`;
  return [`${head}  ${result}`.trimEnd()];
}

export function formatChecklist(report: DiagnosisReport, width = 100): string {
  const out: string[] = [];
  const mechanism = report.saslMechanism ? ` + ${report.saslMechanism}` : "";
  out.push(
    `Kafka connectivity of ${report.bootstrapServers.join(",")} (${report.securityProtocol}${mechanism}), ${report.durationMs} ms`,
  );
  for (const issue of report.propertyIssues) {
    out.push(
      ...wrap(`${issue.severity === "error" ? "error" : "warning"}: ${issue.message}`, width, "  "),
    );
  }
  const checks = [...report.bootstrap, ...report.brokers];
  const labelWidth = Math.max(0, ...checks.flatMap((c) => c.steps.map((s) => s.label.length)));
  for (const check of checks) {
    out.push("", endpointTitle(check));
    for (const step of check.steps) out.push(...stepLines(step, labelWidth));
  }
  if (report.cluster) {
    const { cluster } = report;
    out.push(
      "",
      `Cluster ${cluster.clusterId}: controller ${cluster.controllerId ?? "none"}, brokers ${cluster.brokers
        .map((b) => `${b.nodeId} at ${b.host}:${b.port}`)
        .join(", ")} (read through ${cluster.readThrough})`,
    );
  }
  const { explanation } = report;
  out.push("", `Diagnosis: ${VERDICT_TITLES[explanation.verdict]}`);
  out.push(...wrap(explanation.summary, width, "  "));
  if (explanation.fix) {
    out.push("", "What to change:");
    out.push(...wrap(explanation.fix, width, "  "));
  }
  if (explanation.notes.length > 0) {
    out.push("", "Notes:");
    for (const note of explanation.notes) {
      const [first, ...rest] = wrap(note, width, "    ");
      out.push(`  - ${first.trimStart()}`, ...rest);
    }
  }
  return out.join("\n");
}
