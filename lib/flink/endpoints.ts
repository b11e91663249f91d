/**
 * Where the Flink engine submits: the cluster FLINK_SQL_GATEWAY_URL and FLINK_REST_URL name, or
 * else the local cluster — started in this process the first time a Flink deployment needs it
 * (or at start with TRIBUTARY_FLINK=local), kept until the process stops it.
 */
import path from "node:path";
import { config } from "@/lib/config";
import { logger } from "@/lib/logging/logger";
import { startLocalFlinkCluster, type LocalFlinkCluster } from "./local-cluster/cluster";

export interface FlinkEndpoints {
  gatewayUrl: string;
  restUrl: string;
  /** Directory for savepoints when the cluster is local (else the cluster's default). */
  savepointsDir?: string;
  local: boolean;
}

/** The cluster the environment names, if any; throws when only one of the two URLs is set. */
export function configuredFlink(): FlinkEndpoints | undefined {
  const gatewayUrl = config.flinkSqlGatewayUrl();
  const restUrl = config.flinkRestUrl();
  if (!gatewayUrl && !restUrl) return undefined;
  if (!gatewayUrl || !restUrl) {
    throw new Error(
      `${gatewayUrl ? "FLINK_REST_URL" : "FLINK_SQL_GATEWAY_URL"} is not set: an existing Flink cluster needs both its SQL Gateway (FLINK_SQL_GATEWAY_URL, e.g. http://host:8083) and its JobManager REST API (FLINK_REST_URL, e.g. http://host:8081).`,
    );
  }
  return { gatewayUrl, restUrl, local: false };
}

let local: Promise<LocalFlinkCluster> | undefined;

export async function flinkEndpoints(): Promise<FlinkEndpoints> {
  const configured = configuredFlink();
  if (configured) return configured;
  const cluster = await startLocalFlink();
  return { gatewayUrl: cluster.gatewayUrl, restUrl: cluster.restUrl, savepointsDir: cluster.savepointsDir, local: true };
}

export function startLocalFlink(log: (line: string) => void = (l) => logger.info(l)): Promise<LocalFlinkCluster> {
  local ??= (async () => {
    const started = Date.now();
    log(`starting the local Flink cluster (JobManager :${config.flinkRestPort()}, SQL Gateway :${config.flinkGatewayPort()})`);
    const cluster = await startLocalFlinkCluster({
      dataDir: path.join(config.dataDir(), "flink"),
      restPort: config.flinkRestPort(),
      gatewayPort: config.flinkGatewayPort(),
      onStatus: log,
    });
    log(`local Flink ${cluster.flinkVersion} ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${cluster.restUrl} (web UI and REST), SQL Gateway ${cluster.gatewayUrl}`);
    void cluster.exited.then(async ({ process: name, code }) => {
      if (local === undefined) return; // stopLocalFlink
      logger.warn("a local Flink process exited; stopping the others, the next Flink job starts the cluster again", { process: name, code });
      local = undefined;
      await cluster.stop();
    });
    return cluster;
  })();
  local.catch(() => (local = undefined));
  return local;
}

/** Stops the local cluster if this process started it. */
export async function stopLocalFlink(): Promise<void> {
  const running = local;
  local = undefined;
  if (running) await (await running.catch(() => undefined))?.stop();
}
