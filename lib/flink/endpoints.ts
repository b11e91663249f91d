/**
 * Where the Flink engine submits: the cluster FLINK_SQL_GATEWAY_URL and FLINK_REST_URL name, or
 * else the local cluster — started in this process the first time a Flink job needs it
 * (or at start with TRIBUTARY_FLINK=local), kept until the process stops it.
 */
import path from "node:path";
import { config } from "@/lib/config";
import { logger } from "@/lib/logging/logger";
import { startLocalFlinkCluster, type LocalFlinkCluster } from "./local-cluster/cluster";
import { configuredFlink, type FlinkEndpoints } from "./flink-config";
import { FlinkRestClient } from "./rest-client";
import { SqlGatewayClient } from "./sql-gateway-client";

export { configuredFlink, type FlinkEndpoints } from "./flink-config";

let local: Promise<LocalFlinkCluster> | undefined;

export async function flinkEndpoints(): Promise<FlinkEndpoints> {
  const configured = configuredFlink();
  if (configured) return configured;
  // Another process on this machine (a second worker, `tributary run`) may run it already.
  if (!local) {
    const running = await runningLocalCluster();
    if (running) return running;
  }
  const cluster = await startLocalFlink();
  return {
    gatewayUrl: cluster.gatewayUrl,
    restUrl: cluster.restUrl,
    savepointsDir: cluster.savepointsDir,
    local: true,
  };
}

export function startLocalFlink(
  log: (line: string) => void = (l) => logger.info(l),
): Promise<LocalFlinkCluster> {
  local ??= (async () => {
    const started = Date.now();
    log(
      `starting the local Flink cluster (JobManager :${config.flinkRestPort()}, SQL Gateway :${config.flinkGatewayPort()})`,
    );
    const cluster = await startLocalFlinkCluster({
      dataDir: path.join(config.dataDir(), "flink"),
      restPort: config.flinkRestPort(),
      gatewayPort: config.flinkGatewayPort(),
      onStatus: log,
    });
    log(
      `local Flink ${cluster.flinkVersion} ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${cluster.restUrl} (web UI and REST), SQL Gateway ${cluster.gatewayUrl}`,
    );
    void cluster.exited.then(async ({ process: name, code }) => {
      if (local === undefined) return; // stopLocalFlink
      logger.warn(
        "a local Flink process exited; stopping the others, the next Flink job starts the cluster again",
        { process: name, code },
      );
      local = undefined;
      await cluster.stop();
    });
    return cluster;
  })();
  local.catch(() => (local = undefined));
  return local;
}

/** The local cluster on its configured ports, when something there answers as Flink does. */
async function runningLocalCluster(): Promise<FlinkEndpoints | undefined> {
  const restUrl = `http://127.0.0.1:${config.flinkRestPort()}`;
  const gatewayUrl = `http://127.0.0.1:${config.flinkGatewayPort()}`;
  try {
    const [overview] = await Promise.all([
      new FlinkRestClient(restUrl).overview(),
      new SqlGatewayClient(gatewayUrl).info(),
    ]);
    if (overview.taskmanagers === 0) return undefined;
  } catch {
    return undefined;
  }
  return {
    restUrl,
    gatewayUrl,
    savepointsDir: path.join(config.dataDir(), "flink", "savepoints"),
    local: true,
  };
}

/** Stops the local cluster if this process started it. */
export async function stopLocalFlink(): Promise<void> {
  const running = local;
  local = undefined;
  if (running) await (await running.catch(() => undefined))?.stop();
}
