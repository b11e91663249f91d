/** The `print` connector (Flink 1.20 PrintTableSinkFactory / PrintConnectorOptions, sink only). */
import { option } from "@/lib/options/config-option";
import type { ConnectorContext, ConnectorFactory } from "../factory";
import { physicalColumns, SINK_PARALLELISM } from "../factory";
import { rejectMetadataColumns } from "../metadata-support";
import type { ResolvedPrintTable } from "./resolved";

export const PRINT_IDENTIFIER = option(
  "print-identifier",
  { kind: "string" },
  "Message that identifies print and is prefixed to the output of the value.",
);
export const STANDARD_ERROR = option(
  "standard-error",
  { kind: "boolean" },
  "True, if the format should print to standard error instead of standard out.",
  "false",
);
export const PRINT_SINK_PARALLELISM = SINK_PARALLELISM;

export const printConnector: ConnectorFactory<ResolvedPrintTable> = {
  identifier: "print",
  roles: ["sink"],
  requiredOptions: [],
  optionalOptions: [PRINT_IDENTIFIER, STANDARD_ERROR, PRINT_SINK_PARALLELISM],
  changelogMode: () => "all",
  validate(ctx: ConnectorContext): ResolvedPrintTable | undefined {
    const o = ctx.options;
    o.declare([PRINT_IDENTIFIER, STANDARD_ERROR, PRINT_SINK_PARALLELISM]);
    let ok = rejectMetadataColumns(ctx);
    const identifier = o.read<string>(PRINT_IDENTIFIER);
    const stderr = o.read<boolean>(STANDARD_ERROR);
    const parallelism = o.read<number>(PRINT_SINK_PARALLELISM);
    if ([identifier, stderr, parallelism].some((r) => r.state === "invalid")) ok = false;
    if (!ok) return undefined;
    return {
      connector: "print",
      role: "sink",
      printIdentifier: identifier.state === "value" ? identifier.value : undefined,
      standardError: stderr.state === "value" ? stderr.value : false,
      sinkParallelism: parallelism.state === "value" ? parallelism.value : undefined,
      physicalFields: physicalColumns(ctx.table).map((c) => ({ name: c.name, type: c.type })),
      changelogMode: "all",
    };
  },
};
