/**
 * INSERT INTO as Flink's planner checks it (DynamicSinkUtils): the sink's persisted schema —
 * physical and non-VIRTUAL metadata columns; computed and VIRTUAL columns are not written — the
 * optional target column list, the column count and the implicit-cast assignability of every
 * column, with Flink's "Column types of query result and sink … do not match." message.
 */
import type * as A from "@/lib/sql/ast";
import type { Catalog, CatalogTable } from "@/lib/sql/catalog";
import { relInputs, type RelField, type RelNode, type Rex } from "@/lib/sql/rel";
import { didYouMeanName } from "@/lib/sql/suggest";
import { castRex, SemanticError } from "@/lib/sql/typecheck";
import { sameTypeIgnoringNull, supportsImplicitCast } from "@/lib/sql/types";
import { typeToString, withNullability, type LogicalType } from "@/lib/types/logical-type";

export interface SinkColumn {
  name: string;
  type: LogicalType;
  kind: "physical" | "metadata";
  metadataKey?: string;
}

export interface AnalyzedInsert {
  stmt: A.InsertStmt;
  sink: CatalogTable;
  sinkColumns: SinkColumn[];
  /** Produces exactly the sink columns, in order, cast to the sink's types. */
  query: RelNode;
  sources: CatalogTable[];
}

export function sinkColumns(table: CatalogTable): SinkColumn[] {
  return table.columns
    .filter((c) => c.kind === "physical" || (c.kind === "metadata" && !c.virtual))
    .map((c) => ({
      name: c.name,
      type: c.type,
      kind: c.kind as "physical" | "metadata",
      metadataKey: c.metadataKey,
    }));
}

export function schemaString(
  fields: ReadonlyArray<{ name: string; type: LogicalType; timeAttribute?: string }>,
): string {
  const attr = (f: { timeAttribute?: string }) =>
    f.timeAttribute === "rowtime"
      ? " *ROWTIME*"
      : f.timeAttribute === "proctime"
        ? " *PROCTIME*"
        : "";
  return `[${fields.map((f) => `${f.name}: ${typeToString(f.type)}${attr(f)}`).join(", ")}]`;
}

export function collectScans(rel: RelNode, out: string[][] = []): string[][] {
  if (rel.kind === "TableSourceScan") out.push(rel.path);
  relInputs(rel).forEach((i) => collectScans(i, out));
  return out;
}

export function analyzeInsert(stmt: A.InsertStmt, catalog: Catalog): AnalyzedInsert {
  const target = catalog.resolve(stmt.target);
  if (target.kind === "view") {
    throw new SemanticError(
      `Cannot insert into view '${target.view.path.join(".")}': INSERT INTO needs a table`,
      stmt.target.span,
    );
  }
  const sink = target.table;
  const sinkName = sink.path.join(".");
  if (stmt.overwrite) {
    throw new SemanticError(
      `INSERT OVERWRITE requires that the underlying DynamicTableSink of table '${sinkName}' implements the SupportsOverwrite interface.`,
      stmt.span,
    );
  }
  const columns = sinkColumns(sink);
  let query = catalog.analyzer.query(stmt.query);

  if (stmt.columns) {
    const seen = new Set<string>();
    const positions: number[] = [];
    for (const id of stmt.columns) {
      const idx = columns.findIndex((c) => c.name === id.value);
      if (idx < 0) {
        const declared = sink.columns.find((c) => c.name === id.value);
        const why = declared
          ? declared.kind === "computed"
            ? ": computed columns are not written to the sink"
            : ": VIRTUAL metadata columns are read-only"
          : didYouMeanName(
              id.value,
              columns.map((c) => c.name),
            );
        throw new SemanticError(`Unknown target column '${id.value}'${why}`, id.span);
      }
      if (seen.has(id.value))
        throw new SemanticError(`Target column '${id.value}' is assigned more than once`, id.span);
      seen.add(id.value);
      positions.push(idx);
    }
    if (positions.length !== query.fields.length) {
      throw new SemanticError(
        `Number of INSERT target columns (${positions.length}) does not equal number of source items (${query.fields.length})`,
        stmt.query.span,
      );
    }
    // Reorder to the sink's column order; unlisted columns receive NULL.
    const projects: Rex[] = columns.map((c, j) => {
      const k = positions.indexOf(j);
      if (k >= 0)
        return { kind: "input", index: k, name: query.fields[k].name, type: query.fields[k].type };
      if (!c.type.nullable) {
        throw new SemanticError(
          `Column '${c.name}' has no default value and does not allow NULLs`,
          stmt.target.span,
        );
      }
      return { kind: "literal", value: null, type: c.type };
    });
    const fields: RelField[] = projects.map((p, j) => ({
      name: p.kind === "input" ? p.name : columns[j].name,
      type: p.type,
      timeAttribute: p.kind === "input" ? query.fields[p.index].timeAttribute : undefined,
    }));
    query = { kind: "Calc", input: query, projects, fields };
  }

  // Flink ignores NOT NULL here (it is enforced per row at run time, table.exec.sink.not-null-enforcer).
  const sinkFields = columns.map((c) => ({ name: c.name, type: withNullability(c.type, true) }));
  const mismatch = (cause: string) =>
    new SemanticError(
      `Column types of query result and sink for '${sinkName}' do not match.\nCause: ${cause}\n\nQuery schema: ${schemaString(query.fields)}\nSink schema:  ${schemaString(sinkFields)}`,
      stmt.query.span,
    );
  if (query.fields.length !== sinkFields.length) throw mismatch("Different number of columns.");
  for (let i = 0; i < sinkFields.length; i++) {
    if (!supportsImplicitCast(query.fields[i].type, sinkFields[i].type)) {
      throw mismatch(
        `Incompatible types for sink column '${sinkFields[i].name}' at position ${i}.`,
      );
    }
  }
  if (!query.fields.every((f, i) => sameTypeIgnoringNull(f.type, columns[i].type))) {
    const projects = query.fields.map((f, i) =>
      castRex({ kind: "input", index: i, name: f.name, type: f.type }, columns[i].type),
    );
    query = {
      kind: "Calc",
      input: query,
      projects,
      fields: columns.map((c, i) => ({ name: c.name, type: projects[i].type })),
    };
  }

  const sources: CatalogTable[] = [];
  for (const path of collectScans(query)) {
    const t = catalog.all().find((o) => o.kind === "table" && o.path.join(".") === path.join("."));
    if (t && t.kind === "table" && !sources.includes(t)) sources.push(t);
  }
  return { stmt, sink, sinkColumns: columns, query, sources };
}
