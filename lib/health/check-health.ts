/**
 * The console's health, from real checks: a query on PostgreSQL, the cluster metadata of Kafka,
 * and the heartbeats workers leave in the database.
 */
import { prisma } from "@/lib/db/prisma";
import { createKafka, describeCluster } from "@/lib/kafka/connection";
import { kafkaBootstrapServers } from "@/lib/config";
import { aliveWorkers, WORKER_ALIVE_WITHIN_MS } from "@/lib/workers/worker-registry";
import { checkFlink } from "@/lib/flink/flink-health";

export interface ComponentHealth {
  ok: boolean;
  /** Why the component is not healthy, in words a user can act on. */
  reason?: string;
  [detail: string]: unknown;
}

export interface HealthReport {
  ok: boolean;
  checkedAt: string;
  components: {
    database: ComponentHealth;
    kafka: ComponentHealth;
    workers: ComponentHealth;
    /** The Flink engine's cluster: the configured one, or the local one (healthy while not started yet). */
    flink: ComponentHealth;
  };
}

const CHECK_TIMEOUT_MS = 5_000;

export async function checkHealth(): Promise<HealthReport> {
  const [database, kafka, workers, flink] = await Promise.all([
    guarded("PostgreSQL", checkDatabase),
    guarded("Kafka", checkKafka),
    guarded("the worker registry", checkWorkers),
    guarded("Flink", checkFlink),
  ]);
  return {
    ok: database.ok && kafka.ok && workers.ok && flink.ok,
    checkedAt: new Date().toISOString(),
    components: { database, kafka, workers, flink },
  };
}

async function guarded(
  what: string,
  check: () => Promise<ComponentHealth>,
): Promise<ComponentHealth> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ComponentHealth>((resolve) => {
    timer = setTimeout(
      () =>
        resolve({
          ok: false,
          reason: `No answer from ${what} within ${CHECK_TIMEOUT_MS / 1000} s.`,
        }),
      CHECK_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([
      check().catch((e: unknown): ComponentHealth => ({
        ok: false,
        reason: `${what}: ${e instanceof Error ? e.message : String(e)}`,
      })),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function checkDatabase(): Promise<ComponentHealth> {
  const started = performance.now();
  const rows = await prisma().$queryRaw<Array<{ version: string }>>`SELECT version() AS version`;
  return {
    ok: true,
    latencyMs: Math.round(performance.now() - started),
    version: rows[0]?.version.split(" ").slice(0, 2).join(" "),
  };
}

async function checkKafka(): Promise<ComponentHealth> {
  const bootstrapServers = kafkaBootstrapServers();
  const started = performance.now();
  const cluster = await describeCluster(createKafka(bootstrapServers, { retry: { retries: 0 } }));
  return {
    ok: cluster.brokers.length > 0,
    ...(cluster.brokers.length === 0 ? { reason: "The cluster metadata lists no broker." } : {}),
    bootstrapServers,
    clusterId: cluster.clusterId,
    controllerId: cluster.controllerId,
    brokers: cluster.brokers.map((b) => `${b.host}:${b.port}`),
    latencyMs: Math.round(performance.now() - started),
  };
}

async function checkWorkers(): Promise<ComponentHealth> {
  const workers = await aliveWorkers();
  return {
    ok: workers.length > 0,
    alive: workers.length,
    ...(workers.length === 0
      ? {
          reason: `No worker has sent a heartbeat in the last ${WORKER_ALIVE_WITHIN_MS / 1000} s; start one with \`npm start\` or \`tributary worker\`.`,
        }
      : {}),
    workers: workers.map((w) => ({
      id: w.id,
      hostname: w.hostname,
      pid: w.pid,
      lastHeartbeatAt: w.lastHeartbeatAt.toISOString(),
    })),
  };
}
