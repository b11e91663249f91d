/**
 * `npm run bench -- faults`: the integration fault test's run with many more kills — worker
 * processes SIGKILLed at random while an exactly-once and an at-least-once job copy records, one
 * broker restart half-way — reporting kills, duplicates, missing records and takeover times.
 * Uses DATABASE_URL when set, else an embedded PostgreSQL of its own in a temporary directory.
 */
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { BenchResult } from "./measure";
import { startInfrastructure } from "@/lib/devstack/infrastructure";
import { findFreePort } from "@/lib/net/ports";
import { faultRun } from "@/lib/workers/testing/fault-run";

export async function benchFaults(kills = 30): Promise<BenchResult[]> {
  let stop = async () => {};
  if (!process.env.DATABASE_URL) {
    const dataDir = await mkdtemp(path.join(tmpdir(), "tributary-bench-faults-"));
    // As root, PostgreSQL runs as the postgres user, who must be able to enter it.
    await chmod(dataDir, 0o755);
    const infra = await startInfrastructure({
      dataDir,
      bootstrapServers: "127.0.0.1:1", // the fault run starts (and restarts) a broker of its own
      postgresPort: await findFreePort(),
      kafkaPort: 0,
      kafkaControllerPort: 0,
      log: () => {},
    });
    process.env.DATABASE_URL = infra.databaseUrl;
    stop = async () => {
      await infra.stop();
      await rm(dataDir, { recursive: true, force: true });
    };
  }
  try {
    const result = await faultRun({
      guarantees: ["exactly-once", "at-least-once"],
      kills,
      brokerRestartAfterKill: Math.ceil(kills / 2),
      parallelism: 2,
      partitions: 4,
      workers: 3,
      initialRecords: 100_000,
      recordsPerSecond: 2_000,
      pauseMs: [500, 8_000],
      log: (line) => console.log(`  ${line}`),
    });
    const sorted = [...result.takeoverMs].sort((a, b) => a - b);
    const at = (q: number) =>
      sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    const [eo, alo] = result.jobs;
    return [
      {
        name: `fault run: ${result.kills} worker SIGKILLs and ${result.brokerRestarted ? "one broker restart" : "no broker restart"}, parallelism 2, 4 partitions`,
        figures: {
          kills: result.kills,
          "takeover ms median": at(0.5),
          "takeover ms p90": at(0.9),
          "takeover ms max": sorted.at(-1) ?? 0,
        },
      },
      {
        name: `exactly-once job (${eo.attempts} attempts, ${eo.takeovers} takeovers)`,
        figures: {
          "source records": eo.sourceRecords,
          duplicates: eo.duplicates,
          missing: eo.missing,
        },
        goal: { text: "0 duplicates and 0 missing", met: eo.duplicates === 0 && eo.missing === 0 },
      },
      {
        name: `at-least-once job (${alo.attempts} attempts, ${alo.takeovers} takeovers)`,
        figures: {
          "source records": alo.sourceRecords,
          duplicates: alo.duplicates,
          missing: alo.missing,
        },
        goal: { text: "0 missing", met: alo.missing === 0 },
      },
    ];
  } finally {
    await stop();
  }
}
