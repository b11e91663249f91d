import { parseArgs } from "node:util";
import { type Command } from "./command";

export const startCommand: Command = {
  name: "start",
  summary: "Start the whole console: web, one worker, PostgreSQL and Kafka",
  usage: `Usage: tributary start [--skip-build]

Starts the console and prints its URL. What it needs it starts itself unless told otherwise:

  DATABASE_URL             use this PostgreSQL instead of the embedded one (data in .data/postgres)
  KAFKA_BOOTSTRAP_SERVERS  use this Kafka instead of a local KRaft broker (data in .data/kafka)
  PORT                     the console's port (default 3000)
  HOSTNAME                 the address it listens on (default 127.0.0.1)
  TRIBUTARY_DATA_DIR       where embedded data lives (default .data)
  TRIBUTARY_POSTGRES_PORT  embedded PostgreSQL's port (default 54329)
  TRIBUTARY_KAFKA_PORT     local broker's port (default 19092; controller 19093)

The production build is made on first start and again after the sources change.
Ctrl-C stops everything.

Options:
  --skip-build  start the existing build even if sources changed
  -h, --help    show this help`,
  async run(args) {
    const { values } = parseArgs({ args, options: { "skip-build": { type: "boolean" } } });
    const { startConsole } = await import("@/lib/devstack/start-console");
    return startConsole({ skipBuild: values["skip-build"] });
  },
};
