import { diagnoseKafka } from "@/lib/kafka/diagnostics";
import type { DiagnosisReport } from "@/lib/kafka/diagnostics/report";
import { profileClientProperties, scrubSecrets } from "./cluster-connection";
import type { ClusterProfile } from "./schemas";

/**
 * "Test connection": the connectivity diagnosis (as POST /api/diagnostics/kafka runs it) against
 * the profile's own brokers with its secrets resolved; the report never carries a secret's value.
 */
export async function testClusterConnection(
  profile: ClusterProfile,
  timeoutMs?: number,
): Promise<DiagnosisReport> {
  const { properties, secretValues } = await profileClientProperties(profile);
  const { "bootstrap.servers": servers, ...security } = properties;
  const report = await diagnoseKafka({
    bootstrapServers: servers,
    properties: security,
    timeoutMs,
  });
  const escaped = secretValues.map((v) => JSON.stringify(v).slice(1, -1));
  return JSON.parse(scrubSecrets(JSON.stringify(report), escaped)) as DiagnosisReport;
}
