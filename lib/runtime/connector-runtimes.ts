/**
 * The embedded engine's half of each connector descriptor: how it builds the connector's source
 * and sink. Registered here, against the descriptor itself (lib/connectors), because descriptors
 * are browser-safe data and these build Kafka clients; a connector without an entry, or without
 * the role, cannot be run by the embedded engine.
 */
import { blackholeConnector } from "@/lib/connectors/blackhole";
import { datagenConnector } from "@/lib/connectors/datagen";
import type { ConnectorFactory } from "@/lib/connectors/factory";
import { kafkaConnector } from "@/lib/connectors/kafka";
import { printConnector } from "@/lib/connectors/print";
import type { ResolvedTable } from "@/lib/connectors/resolved";
import { upsertKafkaConnector } from "@/lib/connectors/upsert-kafka";
import type { PlannedTable } from "@/lib/sql/plan";
import { JobConfigurationError } from "./failure";
import type { InstanceSinkSetup, InstanceSourceSetup } from "./instance-start";
import type { SetupEnv } from "./job-connections";
import {
  blackholeSinkSetup,
  kafkaSinkSetup,
  printSinkSetup,
  type SinkSetupInput,
} from "./sink-setup";
import { dataGenSourceSetup, kafkaSourceSetup } from "./source-setup";

export interface ConnectorRuntime<R extends ResolvedTable> {
  source?(
    table: R,
    source: PlannedTable,
    parallelism: number,
    env: SetupEnv,
  ): Promise<InstanceSourceSetup>;
  sink?(table: R, input: SinkSetupInput, env: SetupEnv): Promise<InstanceSinkSetup>;
}

interface Registration {
  identifier: string;
  runtime: ConnectorRuntime<ResolvedTable>;
}

/** Typed at registration: the runtime takes the table its descriptor resolves. */
function register<R extends ResolvedTable>(
  descriptor: ConnectorFactory<R>,
  runtime: ConnectorRuntime<R>,
): Registration {
  return { identifier: descriptor.identifier, runtime: runtime as ConnectorRuntime<ResolvedTable> };
}

const RUNTIMES = new Map(
  [
    register(kafkaConnector, { source: kafkaSourceSetup, sink: kafkaSinkSetup }),
    register(upsertKafkaConnector, { source: kafkaSourceSetup, sink: kafkaSinkSetup }),
    register(datagenConnector, { source: dataGenSourceSetup }),
    register(printConnector, { sink: printSinkSetup }),
    register(blackholeConnector, { sink: blackholeSinkSetup }),
  ].map((r) => [r.identifier, r.runtime]),
);

export async function sourceSetup(
  source: PlannedTable,
  parallelism: number,
  env: SetupEnv,
): Promise<InstanceSourceSetup> {
  const table = source.resolved;
  const build = table && RUNTIMES.get(table.connector)?.source;
  if (!build)
    throw new JobConfigurationError(`Connector '${table?.connector}' cannot be read from.`);
  return build(table, source, parallelism, env);
}

export async function sinkSetup(input: SinkSetupInput, env: SetupEnv): Promise<InstanceSinkSetup> {
  const table = input.insert.sink.resolved;
  const build = table && RUNTIMES.get(table.connector)?.sink;
  if (!build)
    throw new JobConfigurationError(`Connector '${table?.connector}' cannot be written to.`);
  return build(table, input, env);
}

/** The connectors the embedded engine can read from and write to (for tests and docs). */
export function embeddedRoles(identifier: string): { source: boolean; sink: boolean } {
  const runtime = RUNTIMES.get(identifier);
  return { source: Boolean(runtime?.source), sink: Boolean(runtime?.sink) };
}
