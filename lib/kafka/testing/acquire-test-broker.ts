import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { startLocalBroker } from "../local-broker/broker";
import { findFreePort } from "@/lib/net/ports";

/**
 * For integration tests: the broker named by KAFKA_BOOTSTRAP_SERVERS (the one scripts/test.ts brings
 * up), or else a local broker of the test's own in a temporary directory on free ports.
 */
export async function acquireTestBroker(): Promise<{
  bootstrapServers: string;
  release(): Promise<void>;
}> {
  const given = process.env.KAFKA_BOOTSTRAP_SERVERS;
  if (given) return { bootstrapServers: given, release: async () => {} };
  const dataDir = await mkdtemp(path.join(tmpdir(), "tributary-test-broker-"));
  const broker = await startLocalBroker({
    dataDir,
    port: await findFreePort(),
    controllerPort: await findFreePort(),
    stopGraceMs: 10_000,
  });
  return {
    bootstrapServers: broker.bootstrapServers,
    release: async () => {
      await broker.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
