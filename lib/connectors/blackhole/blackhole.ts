/** The `blackhole` connector (Flink 1.20 BlackHoleTableSinkFactory, sink only, no options). */
import type { ConnectorContext, ConnectorFactory } from "../factory";
import { physicalColumns } from "../factory";
import { rejectMetadataColumns } from "../metadata-support";
import type { ResolvedBlackholeTable } from "./resolved";

export const blackholeConnector: ConnectorFactory<ResolvedBlackholeTable> = {
  identifier: "blackhole",
  roles: ["sink"],
  requiredOptions: [],
  optionalOptions: [],
  changelogMode: () => "all",
  validate(ctx: ConnectorContext): ResolvedBlackholeTable | undefined {
    if (!rejectMetadataColumns(ctx)) return undefined;
    return {
      connector: "blackhole",
      role: "sink",
      physicalFields: physicalColumns(ctx.table).map((c) => ({ name: c.name, type: c.type })),
      changelogMode: "all",
    };
  },
};
