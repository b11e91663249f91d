/**
 * Hand-built TableDefinitions for tests, laid out as the SQL would be: the statement on line 1,
 * one column per line from line 2, the primary key after the columns, `WITH (` on its own line
 * and one `'key' = 'value'` option per line after it.
 */
import type { SourceSpan } from "@/lib/sql/diagnostic";
import type { LogicalType } from "@/lib/types/logical-type";
import type { TableColumn, TableDefinition } from "../table";

export interface ColumnSpec {
  name: string;
  type: LogicalType;
  kind?: TableColumn["kind"];
  metadataKey?: string;
  virtual?: boolean;
}

const span = (line: number, column: number, length: number): SourceSpan => ({
  line,
  column,
  endLine: line,
  endColumn: column + length,
});

export function tableFixture(
  name: string,
  columns: ColumnSpec[],
  options: Record<string, string>,
  primaryKey?: string[],
): TableDefinition {
  let line = 2;
  const cols: TableColumn[] = columns.map((c) => ({
    name: c.name,
    type: c.type,
    kind: c.kind ?? "physical",
    metadataKey: c.metadataKey,
    virtual: c.virtual,
    span: span(line++, 3, c.name.length),
  }));
  const pk = primaryKey ? { columns: primaryKey, span: span(line++, 3, 12) } : undefined;
  const withLine = line++;
  const opts = Object.entries(options).map(([key, value]) => {
    const l = line++;
    return {
      key,
      value,
      keySpan: span(l, 3, key.length + 2),
      valueSpan: span(l, 3 + key.length + 2 + 3, value.length + 2),
    };
  });
  return {
    name,
    columns: cols,
    primaryKey: pk,
    options: opts,
    span: { line: 1, column: 1, endLine: line, endColumn: 3 },
    withSpan: span(withLine, 3, 4),
  };
}

/** The line a fixture puts an option on. */
export function optionLine(table: TableDefinition, key: string): number {
  return table.options.find((o) => o.key === key)!.keySpan.line;
}
