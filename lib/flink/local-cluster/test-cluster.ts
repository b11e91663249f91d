import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { findFreePort } from "@/lib/net/ports";
import { startLocalFlinkCluster } from "./cluster";

/**
 * For integration tests: the Flink cluster FLINK_SQL_GATEWAY_URL and FLINK_REST_URL name (the one
 * scripts/test.ts starts once for every Flink test file), or else a local cluster of the test's
 * own, whose URLs it puts into the environment for the code under test.
 */
export async function acquireTestFlink(): Promise<{
  gatewayUrl: string;
  restUrl: string;
  release(): Promise<void>;
}> {
  const gatewayUrl = process.env.FLINK_SQL_GATEWAY_URL;
  const restUrl = process.env.FLINK_REST_URL;
  if (gatewayUrl && restUrl) return { gatewayUrl, restUrl, release: async () => {} };
  const dataDir = await mkdtemp(path.join(tmpdir(), "tributary-test-flink-"));
  const cluster = await startLocalFlinkCluster({
    dataDir,
    restPort: await findFreePort(),
    gatewayPort: await findFreePort(),
  });
  process.env.FLINK_SQL_GATEWAY_URL = cluster.gatewayUrl;
  process.env.FLINK_REST_URL = cluster.restUrl;
  return {
    gatewayUrl: cluster.gatewayUrl,
    restUrl: cluster.restUrl,
    release: async () => {
      delete process.env.FLINK_SQL_GATEWAY_URL;
      delete process.env.FLINK_REST_URL;
      await cluster.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
