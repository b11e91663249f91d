/**
 * The Flink engine's part of the console's health: the cluster FLINK_SQL_GATEWAY_URL and
 * FLINK_REST_URL name must answer (JobManager overview, SQL Gateway info); the local cluster is
 * healthy when it answers, and also while it has not been started — it starts with the first
 * Flink job (or at start with TRIBUTARY_FLINK=local).
 */
import { config } from "@/lib/config";
import { configuredFlink } from "./flink-config";
import { FlinkRestClient } from "./rest-client";
import { SqlGatewayClient } from "./sql-gateway-client";

export async function checkFlink(): Promise<{
  ok: boolean;
  reason?: string;
  [k: string]: unknown;
}> {
  const configured = configuredFlink();
  const restUrl = configured?.restUrl ?? `http://127.0.0.1:${config.flinkRestPort()}`;
  const gatewayUrl = configured?.gatewayUrl ?? `http://127.0.0.1:${config.flinkGatewayPort()}`;
  const started = performance.now();
  try {
    const [overview, info] = await Promise.all([
      new FlinkRestClient(restUrl).overview(),
      new SqlGatewayClient(gatewayUrl).info(),
    ]);
    return {
      ok: overview.taskmanagers > 0,
      ...(overview.taskmanagers === 0
        ? { reason: "The Flink cluster has no TaskManager registered." }
        : {}),
      cluster: configured ? "FLINK_REST_URL" : "local",
      restUrl,
      gatewayUrl,
      version: info.version,
      taskManagers: overview.taskmanagers,
      slotsTotal: overview["slots-total"],
      slotsAvailable: overview["slots-available"],
      latencyMs: Math.round(performance.now() - started),
    };
  } catch (e) {
    if (!configured) {
      return {
        ok: true,
        cluster: "local",
        state: "not started: it starts with the first Flink job",
        restUrl,
        gatewayUrl,
      };
    }
    return {
      ok: false,
      reason: `Flink at ${restUrl} / ${gatewayUrl}: ${e instanceof Error ? e.message : String(e)}`,
      restUrl,
      gatewayUrl,
    };
  }
}
