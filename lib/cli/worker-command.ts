import { type Command, UsageError } from "./command";

export const workerCommand: Command = {
  name: "worker",
  summary: "Run a job worker (more workers can run on this or other machines)",
  usage: `Usage: tributary worker

Starts a worker that claims and runs jobs. Several workers, on this or other machines, share
the work through the same PostgreSQL and Kafka:

  DATABASE_URL             the console's PostgreSQL (required)
  KAFKA_BOOTSTRAP_SERVERS  the default Kafka cluster (required)

SIGTERM or Ctrl-C drains the worker: its jobs are handed over, then it exits.`,
  async run(args) {
    if (args.length > 0) throw new UsageError(`unexpected argument '${args[0]}'`);
    const { databaseUrl, kafkaBootstrapServers } = await import("@/lib/config");
    databaseUrl();
    kafkaBootstrapServers();
    const { runWorker } = await import("@/lib/workers/run-worker");
    await runWorker();
    return 0;
  },
};
