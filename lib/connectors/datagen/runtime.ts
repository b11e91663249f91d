/** The `datagen` source in the embedded engine: each instance generates its share of the rows. */
import type { InstanceSourceSetup } from "@/lib/runtime/instance-start";
import { DataGenSource } from "@/lib/runtime/sources/datagen-source";
import type { PlannedTable } from "@/lib/sql/plan";
import { connectorRuntime } from "../runtime";
import { datagenConnector } from "./datagen";
import type { ResolvedDataGenTable } from "./resolved";

export async function dataGenSourceSetup(
  table: ResolvedDataGenTable,
  _source: PlannedTable,
  parallelism: number,
): Promise<InstanceSourceSetup> {
  return async (instance) => new DataGenSource(table, instance, parallelism);
}

export const datagenRuntime = connectorRuntime(datagenConnector, { source: dataGenSourceSetup });
