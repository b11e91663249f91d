/**
 * The script's catalog, as Flink's CatalogManager holds it while a script runs: tables and views
 * under default_catalog.default_database, with the schema rules Flink applies when a CREATE TABLE
 * is executed (duplicate columns, computed and metadata columns, watermarks, primary keys).
 */
import type * as A from "@/lib/sql/ast";
import { diagnostic, type Diagnostic, type QuickFix, type SourceSpan } from "@/lib/sql/diagnostic";
import type { RelField, Rex } from "@/lib/sql/rel";
import { didYouMeanName, nameSuggestion } from "@/lib/sql/suggest";
import {
  Analyzer,
  SemanticError,
  type RelationResolver,
  type ResolvedRelation,
} from "@/lib/sql/typecheck";
import { isTimestamp } from "@/lib/sql/types";
import type { ColumnKind, TableDefinition } from "@/lib/connectors/table";
import { typeToString, withNullability, type LogicalType } from "@/lib/types/logical-type";

export const DEFAULT_CATALOG = "default_catalog";
export const DEFAULT_DATABASE = "default_database";

export interface CatalogColumn {
  name: string;
  type: LogicalType;
  kind: ColumnKind;
  metadataKey?: string;
  virtual?: boolean;
  span: SourceSpan;
}

export interface CatalogTable {
  kind: "table";
  /** [catalog, database, table] */
  path: string[];
  temporary: boolean;
  stmt: A.CreateTableStmt;
  columns: CatalogColumn[];
  /** What the source produces: physical and metadata columns, in declared order. */
  scanFields: RelField[];
  /** The full schema over scanFields when computed columns exist. */
  projects?: Rex[];
  /** Full schema (declared order), time attributes marked. */
  fields: RelField[];
  watermark?: { rowtimeIndex: number; expr: Rex };
  definition: TableDefinition;
  options: Map<string, string>;
}

export interface CatalogView {
  kind: "view";
  path: string[];
  temporary: boolean;
  stmt: A.CreateViewStmt;
  fields: RelField[];
  query: A.QueryExpr;
}

export type CatalogObject = CatalogTable | CatalogView;

/** `a`.`b`.`c` as Flink prints object identifiers in messages. */
export function quotedPath(path: string[]): string {
  return path.map((p) => `\`${p}\``).join(".");
}

export function catalogPath(path: string[]): string {
  return path.join(".");
}

export class Catalog implements RelationResolver {
  private readonly objects = new Map<string, CatalogObject>();
  readonly analyzer = new Analyzer(this);

  all(): CatalogObject[] {
    return [...this.objects.values()];
  }

  /** Expands a 1–3 part name to [catalog, database, object]; throws when catalog or database is unknown. */
  path(name: A.QualifiedName): string[] {
    const parts = name.parts.map((p) => p.value);
    const full =
      parts.length >= 3
        ? parts.slice(-3)
        : parts.length === 2
          ? [DEFAULT_CATALOG, ...parts]
          : [DEFAULT_CATALOG, DEFAULT_DATABASE, ...parts];
    if (full[0] !== DEFAULT_CATALOG)
      throw new SemanticError(`Catalog ${full[0]} does not exist`, name.parts[0].span);
    if (full[1] !== DEFAULT_DATABASE) {
      const dbPart = name.parts[name.parts.length - 2];
      throw new SemanticError(
        `Database ${full[1]} does not exist in Catalog ${full[0]}.`,
        dbPart.span,
      );
    }
    return full;
  }

  lookup(name: A.QualifiedName): CatalogObject | undefined {
    return this.objects.get(catalogPath(this.path(name)));
  }

  resolve(name: A.QualifiedName): ResolvedRelation {
    const obj = this.lookup(name);
    if (!obj) {
      const last = name.parts[name.parts.length - 1].value;
      const known = this.all().map((o) => o.path[2]);
      const lastPart = name.parts[name.parts.length - 1];
      const s = nameSuggestion(last, known, lastPart.span);
      throw new SemanticError(
        `Object '${last}' not found within '${DEFAULT_CATALOG}.${DEFAULT_DATABASE}'${s.text}`,
        name.span,
        s.fixes,
      );
    }
    return obj.kind === "table" ? { kind: "table", table: obj } : { kind: "view", view: obj };
  }

  /** Registers the object unless the name is taken; returns the message Flink gives for a clash. */
  private register(obj: CatalogObject, ifNotExists: boolean): string | null {
    const key = catalogPath(obj.path);
    const existing = this.objects.get(key);
    if (existing) {
      if (ifNotExists) return null;
      if (obj.temporary && existing.temporary)
        return `Temporary table '${quotedPath(obj.path)}' already exists`;
      if (!obj.temporary && !existing.temporary)
        return `Table (or view) ${obj.path[1]}.${obj.path[2]} already exists in Catalog ${obj.path[0]}.`;
      // A temporary object shadows a permanent one of the same name, as in Flink.
      if (!obj.temporary) return null;
    }
    this.objects.set(key, obj);
    return null;
  }

  addTable(stmt: A.CreateTableStmt): Diagnostic[] {
    const diags: Diagnostic[] = [];
    let path: string[];
    try {
      path = this.path(stmt.name);
    } catch (e) {
      if (e instanceof SemanticError) return [diagnostic("error", e.message, e.span, e.fixes)];
      throw e;
    }
    const table = buildTable(stmt, path, this.analyzer, diags);
    if (!table) return diags;
    const clash = this.register(table, stmt.ifNotExists);
    if (clash) diags.push(diagnostic("error", clash, stmt.name.span));
    return diags;
  }

  addView(stmt: A.CreateViewStmt): Diagnostic[] {
    try {
      const path = this.path(stmt.name);
      const rel = this.analyzer.query(stmt.query);
      let fields = rel.fields;
      if (stmt.columns) {
        if (stmt.columns.length !== rel.fields.length) {
          throw new SemanticError(
            `List of column aliases must have same degree as table; view '${path[2]}' names ${stmt.columns.length} columns but its query returns ${rel.fields.length}`,
            stmt.name.span,
          );
        }
        fields = rel.fields.map((f, i) => ({ ...f, name: stmt.columns![i].value }));
      }
      const view: CatalogView = {
        kind: "view",
        path,
        temporary: stmt.temporary,
        stmt,
        fields,
        query: stmt.query,
      };
      const clash = this.register(view, stmt.ifNotExists);
      return clash ? [diagnostic("error", clash, stmt.name.span)] : [];
    } catch (e) {
      if (e instanceof SemanticError) return [diagnostic("error", e.message, e.span, e.fixes)];
      throw e;
    }
  }
}

function buildTable(
  stmt: A.CreateTableStmt,
  path: string[],
  analyzer: Analyzer,
  diags: Diagnostic[],
): CatalogTable | null {
  const err = (message: string, span: SourceSpan, fixes?: QuickFix[]) =>
    diags.push(diagnostic("error", message, span, fixes));
  const seen = new Map<string, A.ColumnDef>();
  const columns: A.ColumnDef[] = [];
  for (const c of stmt.columns) {
    const prior = seen.get(c.name.value);
    if (prior) {
      err(
        `A column with the same name \`${c.name.value}\` has been defined at line ${prior.name.span.line}, column ${prior.name.span.column}.`,
        c.name.span,
      );
      continue;
    }
    seen.set(c.name.value, c);
    columns.push(c);
  }

  const pkNames = new Set<string>();
  if (stmt.primaryKey) {
    for (const id of stmt.primaryKey.columns) {
      const col = seen.get(id.value);
      if (!col) {
        err(
          `Primary key column '${id.value}' is not defined in the schema${didYouMeanName(id.value, [...seen.keys()])}`,
          id.span,
        );
      } else if (col.kind !== "physical") {
        err(
          `Could not create a PRIMARY KEY with column '${id.value}'. A PRIMARY KEY constraint must be declared on physical columns.`,
          id.span,
        );
      } else pkNames.add(id.value);
    }
  }

  const typeOf = (c: A.PhysicalColumnDef | A.MetadataColumnDef): LogicalType =>
    pkNames.has(c.name.value) ? withNullability(c.type.type, false) : c.type.type;

  const scanFields: RelField[] = [];
  const scanIndex = new Map<string, number>();
  for (const c of columns) {
    if (c.kind === "computed") continue;
    scanIndex.set(c.name.value, scanFields.length);
    scanFields.push({ name: c.name.value, type: typeOf(c) });
  }

  const fields: RelField[] = [];
  const projects: Rex[] = [];
  const catalogColumns: CatalogColumn[] = [];
  for (const c of columns) {
    if (c.kind === "computed") {
      let rex: Rex;
      try {
        rex = analyzer.expr(
          c.expr,
          { fields: scanFields },
          { kind: "forbid", message: "Aggregate functions are not allowed in computed columns" },
        );
      } catch (e) {
        if (!(e instanceof SemanticError)) throw e;
        err(e.message, e.span, e.fixes);
        continue;
      }
      const proctime = rex.kind === "call" && rex.op === "PROCTIME";
      fields.push({
        name: c.name.value,
        type: rex.type,
        timeAttribute: proctime ? "proctime" : undefined,
      });
      projects.push(rex);
      catalogColumns.push({ name: c.name.value, type: rex.type, kind: "computed", span: c.span });
      continue;
    }
    const type = typeOf(c);
    const idx = scanIndex.get(c.name.value)!;
    fields.push({ name: c.name.value, type });
    projects.push({ kind: "input", index: idx, name: c.name.value, type });
    catalogColumns.push({
      name: c.name.value,
      type,
      kind: c.kind,
      metadataKey: c.kind === "metadata" ? (c.key?.value ?? c.name.value) : undefined,
      virtual: c.kind === "metadata" ? c.virtual : undefined,
      span: c.span,
    });
  }

  let watermark: CatalogTable["watermark"];
  if (stmt.watermark) {
    const wm = stmt.watermark;
    const idx = fields.findIndex((f) => f.name === wm.column.value);
    if (idx < 0) {
      err(
        `The rowtime attribute field '${wm.column.value}' is not defined in the table schema, at line ${wm.column.span.line}, column ${wm.column.span.column}\nAvailable fields: [${fields.map((f) => `'${f.name}'`).join(", ")}]${didYouMeanName(
          wm.column.value,
          fields.map((f) => f.name),
        )}`,
        wm.column.span,
      );
    } else {
      const t = fields[idx].type;
      if (!isTimestamp(t) || (t as { precision: number }).precision > 3) {
        err(
          `Invalid data type of time field for watermark definition. The field must be of type TIMESTAMP(p) or TIMESTAMP_LTZ(p), the supported precision 'p' is from 0 to 3, but the time field type is ${typeToString(t)}`,
          wm.column.span,
        );
      } else {
        try {
          const expr = analyzer.expr(
            wm.expr,
            { fields },
            {
              kind: "forbid",
              message: "Aggregate functions are not allowed in watermark expressions",
            },
          );
          if (!isTimestamp(expr.type) || (expr.type as { precision: number }).precision > 3) {
            err(
              `Invalid data type of expression for watermark definition. The field must be of type TIMESTAMP(p) or TIMESTAMP_LTZ(p), the supported precision 'p' is from 0 to 3, but the watermark expression type is ${typeToString(expr.type)}`,
              wm.expr.span,
            );
          } else {
            fields[idx] = { ...fields[idx], timeAttribute: "rowtime" };
            watermark = { rowtimeIndex: idx, expr };
          }
        } catch (e) {
          if (!(e instanceof SemanticError)) throw e;
          err(e.message, e.span, e.fixes);
        }
      }
    }
  }

  const optionsMap = new Map<string, string>();
  for (const o of stmt.options) {
    if (optionsMap.has(o.key)) {
      diags.push(
        diagnostic(
          "warning",
          `Option '${o.key}' is set more than once; the last value wins`,
          o.keySpan,
        ),
      );
    }
    optionsMap.set(o.key, o.value);
  }

  const definition: TableDefinition = {
    name: path.join("."),
    columns: catalogColumns.map((c) => ({
      name: c.name,
      type: c.type,
      kind: c.kind,
      metadataKey: c.metadataKey,
      virtual: c.virtual,
      span: c.span,
    })),
    primaryKey:
      stmt.primaryKey && pkNames.size === stmt.primaryKey.columns.length
        ? { columns: stmt.primaryKey.columns.map((c) => c.value), span: stmt.primaryKey.span }
        : undefined,
    options: stmt.options.map((o) => ({
      key: o.key,
      value: o.value,
      keySpan: o.keySpan,
      valueSpan: o.valueSpan,
    })),
    span: stmt.span,
    withSpan: stmt.withSpan,
  };

  const hasComputed = columns.some((c) => c.kind === "computed");
  return {
    kind: "table",
    path,
    temporary: stmt.temporary,
    stmt,
    columns: catalogColumns,
    scanFields,
    projects: hasComputed ? projects : undefined,
    fields,
    watermark,
    definition,
    options: optionsMap,
  };
}
