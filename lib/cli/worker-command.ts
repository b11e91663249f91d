import { type Command, UsageError } from "./command";

export const workerCommand: Command = {
  name: "worker",
  summary: "Run a job worker (more workers can run on this or other machines)",
  usage: `Usage: tributary worker

Starts a worker that claims and runs jobs. Several workers, on this or other machines, share
the work through the same PostgreSQL and Kafka:

  DATABASE_URL             the console's PostgreSQL
  KAFKA_BOOTSTRAP_SERVERS  the default Kafka cluster

Run from the checkout of a running \`npm start\` (same TRIBUTARY_DATA_DIR), it finds that
start's embedded PostgreSQL and local broker by itself; the variables win when set.

SIGTERM or Ctrl-C drains the worker: its jobs are handed over, then it exits.`,
  async run(args) {
    if (args.length > 0) throw new UsageError(`unexpected argument '${args[0]}'`);
    const { config, databaseUrl, kafkaBootstrapServers } = await import("@/lib/config");
    const { workerServers } = await import("@/lib/devstack/worker-servers");
    const servers = workerServers(process.env, config.dataDir());
    if (servers.databaseUrl) process.env.DATABASE_URL = servers.databaseUrl;
    if (servers.bootstrapServers) process.env.KAFKA_BOOTSTRAP_SERVERS = servers.bootstrapServers;
    for (const line of servers.lines) console.log(`[worker] ${line}`);
    databaseUrl();
    kafkaBootstrapServers();
    const { runWorker } = await import("@/lib/workers/run-worker");
    await runWorker();
    return 0;
  },
};
