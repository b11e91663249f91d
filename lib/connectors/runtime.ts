/**
 * The embedded engine's half of a connector descriptor: how it builds the connector's source and
 * sink. Each connector's folder registers its own (`lib/connectors/<id>/runtime.ts`) against its
 * descriptor; `runtime-registry.ts` gathers them for lib/runtime. Kept apart from the descriptors
 * because descriptors are browser-safe data and these build Kafka clients: nothing the browser
 * loads imports a runtime.
 */
import type { InstanceSinkSetup, InstanceSourceSetup } from "@/lib/runtime/instance-start";
import type { SetupEnv } from "@/lib/runtime/job-connections";
import type { InsertPlan, PlannedTable } from "@/lib/sql/plan";
import type { ConnectorFactory } from "./factory";
import type { ResolvedTable } from "./resolved";

/** What every sink setup is given besides its table. */
export interface SinkSetupInput {
  insert: InsertPlan;
  parallelism: number;
  /** The job's checkpoint interval (an exactly-once sink's transactions must outlive it). */
  checkpointIntervalMs: number;
}

/** Builds a connector's source and sink for the table its descriptor resolved. */
export interface ConnectorRuntime<R extends ResolvedTable> {
  source?(
    table: R,
    source: PlannedTable,
    parallelism: number,
    env: SetupEnv,
  ): Promise<InstanceSourceSetup>;
  sink?(table: R, input: SinkSetupInput, env: SetupEnv): Promise<InstanceSinkSetup>;
}

/** A runtime as registered: the descriptor's identifier with what builds its tables. */
export interface ConnectorRuntimeEntry {
  identifier: string;
  runtime: ConnectorRuntime<ResolvedTable>;
}

/** Typed at registration: the runtime takes the table its descriptor resolves. */
export function connectorRuntime<R extends ResolvedTable>(
  descriptor: ConnectorFactory<R>,
  runtime: ConnectorRuntime<R>,
): ConnectorRuntimeEntry {
  return { identifier: descriptor.identifier, runtime: runtime as ConnectorRuntime<ResolvedTable> };
}
