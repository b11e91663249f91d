/**
 * Where the embedded engine finds each connector's source and sink: in the connector's own folder
 * (`lib/connectors/<id>/runtime.ts`, gathered by lib/connectors/runtime-registry.ts). A connector
 * without a runtime, or without the role, cannot be run by the embedded engine.
 */
import { getConnectorRuntime } from "@/lib/connectors/runtime-registry";
import type { SinkSetupInput } from "@/lib/connectors/runtime";
import type { PlannedTable } from "@/lib/sql/plan";
import { JobConfigurationError } from "./failure";
import type { InstanceSinkSetup, InstanceSourceSetup } from "./instance-start";
import type { SetupEnv } from "./job-connections";

export type { SinkSetupInput };

export async function sourceSetup(
  source: PlannedTable,
  parallelism: number,
  env: SetupEnv,
): Promise<InstanceSourceSetup> {
  const table = source.resolved;
  const build = table && getConnectorRuntime(table.connector)?.source;
  if (!build)
    throw new JobConfigurationError(`Connector '${table?.connector}' cannot be read from.`);
  return build(table, source, parallelism, env);
}

export async function sinkSetup(input: SinkSetupInput, env: SetupEnv): Promise<InstanceSinkSetup> {
  const table = input.insert.sink.resolved;
  const build = table && getConnectorRuntime(table.connector)?.sink;
  if (!build)
    throw new JobConfigurationError(`Connector '${table?.connector}' cannot be written to.`);
  return build(table, input, env);
}

/** The connectors the embedded engine can read from and write to (for tests and docs). */
export function embeddedRoles(identifier: string): { source: boolean; sink: boolean } {
  const runtime = getConnectorRuntime(identifier);
  return { source: Boolean(runtime?.source), sink: Boolean(runtime?.sink) };
}
