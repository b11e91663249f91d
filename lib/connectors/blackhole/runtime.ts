/** The `blackhole` sink in the embedded engine: rows discarded. */
import type { InstanceSinkSetup } from "@/lib/runtime/instance-start";
import { BlackholeSink } from "@/lib/runtime/sinks/print-sink";
import { connectorRuntime } from "../runtime";
import { blackholeConnector } from "./blackhole";
import type { ResolvedBlackholeTable } from "./resolved";

export async function blackholeSinkSetup(
  _table: ResolvedBlackholeTable,
): Promise<InstanceSinkSetup> {
  return { create: async () => new BlackholeSink() };
}

export const blackholeRuntime = connectorRuntime(blackholeConnector, { sink: blackholeSinkSetup });
