/**
 * Connectors without metadata support (datagen, print, blackhole): the planner's error when a
 * table declares metadata columns anyway (DynamicSourceUtils / DynamicSinkUtils).
 */
import type { ConnectorContext } from "./factory";

/** Reports metadata columns of a connector that supports none; true when there are none. */
export function rejectMetadataColumns(ctx: ConnectorContext): boolean {
  // A sink ignores VIRTUAL metadata columns: they are not written.
  const offending = ctx.table.columns.filter(
    (c) => c.kind === "metadata" && !(ctx.role === "sink" && c.virtual),
  );
  if (offending.length === 0) return true;
  const message =
    ctx.role === "source"
      ? `Table '${ctx.table.name}' declares metadata columns, but the underlying DynamicTableSource doesn't implement the SupportsReadingMetadata interface. Therefore, metadata cannot be read from the given source.`
      : `Table '${ctx.table.name}' declares persistable metadata columns, but the underlying DynamicTableSink doesn't implement the SupportsWritingMetadata interface. If the column should not be persisted, it can be declared with the VIRTUAL keyword.`;
  for (const column of offending) ctx.options.error(message, column.span);
  return false;
}
