/**
 * validateScript: the whole front end in one call, as Flink would run the script statement by
 * statement — parse; build the catalog (tables, views, duplicates, IF NOT EXISTS); SET/RESET;
 * analyze every INSERT (names, types, sink schema); validate each table's connector and formats
 * for how INSERTs use it (source and/or sink); check changelog modes; and build the plan.
 * Browser-safe and linear in the script's size.
 */
import type { ScriptAst, InsertStmt, Statement } from "@/lib/sql/ast";
import { Catalog, type CatalogTable } from "@/lib/sql/catalog";
import {
  ChangelogError,
  changelogFromOptions,
  checkSinkChangelog,
  modeOf,
} from "@/lib/sql/changelog";
import {
  checkConnector,
  resolvedChangelogMode,
  type ResolvedTable,
} from "@/lib/sql/connector-adapter";
import { diagnostic, hasErrors, type Diagnostic, type SourceSpan } from "@/lib/sql/diagnostic";
import { analyzeInsert, type AnalyzedInsert } from "@/lib/sql/insert";
import { validateMetadataColumns } from "@/lib/sql/metadata";
import { parseScript } from "@/lib/sql/parser";
import type { InsertPlan, JobPlan, Plan, PlannedTable } from "@/lib/sql/plan";
import { jobSettings, SessionConfig } from "@/lib/sql/settings";
import { SemanticError } from "@/lib/sql/typecheck";
import type { TableRole } from "@/lib/connectors/table";
import type { ChangelogMode } from "@/lib/types/logical-type";

export interface ValidateOptions {
  /** Class names of custom partitioners attached to the job (uploaded resources). */
  attachedPartitionerClasses?: string[];
  resources?: { partitionerClasses?: string[] };
}

export interface ValidateResult {
  diagnostics: Diagnostic[];
  script?: ScriptAst;
  plan?: Plan;
}

interface PendingJob {
  inserts: AnalyzedInsert[];
  config: Map<string, string>;
  configSpans: Map<string, SourceSpan>;
  /** EXPLAIN statements are checked like jobs but not run. */
  explainOnly: boolean;
}

const tableKey = (path: string[]) => path.join(".");

export function validateScript(text: string, opts: ValidateOptions = {}): ValidateResult {
  const parsed = parseScript(text);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const catalog = new Catalog();
  const session = new SessionConfig();
  const setSpans = new Map<string, SourceSpan>();
  const jobs: PendingJob[] = [];

  const analyze = (stmt: InsertStmt): AnalyzedInsert | undefined => {
    try {
      return analyzeInsert(stmt, catalog);
    } catch (e) {
      if (!(e instanceof SemanticError)) throw e;
      diagnostics.push(diagnostic("error", e.message, e.span, e.fixes));
      return undefined;
    }
  };
  const addJob = (stmts: InsertStmt[], explainOnly: boolean) => {
    const inserts = stmts.map(analyze).filter((x): x is AnalyzedInsert => x !== undefined);
    if (inserts.length === 0) return;
    // A statement set with a failed INSERT is still checked, but never run.
    const complete = inserts.length === stmts.length;
    jobs.push({
      inserts,
      config: session.snapshot(),
      configSpans: new Map(setSpans),
      explainOnly: explainOnly || !complete,
    });
  };

  const run = (stmt: Statement) => {
    switch (stmt.kind) {
      case "CreateTable":
        diagnostics.push(...catalog.addTable(stmt));
        break;
      case "CreateView":
        diagnostics.push(...catalog.addView(stmt));
        break;
      case "Set":
        if (stmt.key && stmt.value) {
          session.set(stmt.key.value, stmt.value.value);
          setSpans.set(stmt.key.value, stmt.value.span);
        }
        break;
      case "Reset":
        session.reset(stmt.key?.value);
        break;
      case "Insert":
        addJob([stmt], false);
        break;
      case "StatementSet":
        addJob(stmt.inserts, false);
        break;
      case "Explain":
        if (stmt.statement.kind === "Insert") addJob([stmt.statement], true);
        else if (stmt.statement.kind === "StatementSet") addJob(stmt.statement.inserts, true);
        else queryOnly(stmt.statement.query, stmt.span, false);
        break;
      case "Query":
        queryOnly(stmt.query, stmt.span, true);
        break;
    }
  };
  const queryOnly = (
    query: Parameters<Catalog["analyzer"]["query"]>[0],
    span: SourceSpan,
    warn: boolean,
  ) => {
    try {
      catalog.analyzer.query(query);
      if (warn) {
        diagnostics.push(
          diagnostic(
            "warning",
            "A SELECT without INSERT INTO writes its result nowhere when the job is deployed; use INSERT INTO <sink> SELECT …",
            span,
          ),
        );
      }
    } catch (e) {
      if (!(e instanceof SemanticError)) throw e;
      diagnostics.push(diagnostic("error", e.message, e.span, e.fixes));
    }
  };
  for (const stmt of parsed.script.statements) run(stmt);

  // Roles: how the INSERTs use each table. As in Flink, a table no INSERT reads or writes never
  // reaches its connector factory, so its options are not checked.
  const roles = new Map<string, Set<TableRole>>();
  const addRole = (t: CatalogTable, r: TableRole) => {
    const k = tableKey(t.path);
    if (!roles.has(k)) roles.set(k, new Set());
    roles.get(k)!.add(r);
  };
  for (const job of jobs) {
    for (const ins of job.inserts) {
      addRole(ins.sink, "sink");
      ins.sources.forEach((s) => addRole(s, "source"));
    }
  }
  const resolved = new Map<string, ResolvedTable | undefined>();
  const ctx = {
    attachedPartitionerClasses:
      opts.attachedPartitionerClasses ?? opts.resources?.partitionerClasses,
  };
  for (const obj of catalog.all()) {
    if (obj.kind !== "table") continue;
    const used = roles.get(tableKey(obj.path));
    if (!used) continue;
    for (const role of used) {
      const result = checkConnector(obj.definition, role, ctx);
      diagnostics.push(...result.diagnostics);
      diagnostics.push(...validateMetadataColumns(obj, role));
      resolved.set(`${tableKey(obj.path)}#${role}`, result.resolved);
    }
  }

  const modeFor = (t: CatalogTable, role: TableRole): ChangelogMode =>
    resolvedChangelogMode(resolved.get(`${tableKey(t.path)}#${role}`)) ??
    changelogFromOptions(t.options);
  const tableByPath = new Map(
    catalog
      .all()
      .filter((o): o is CatalogTable => o.kind === "table")
      .map((t) => [tableKey(t.path), t]),
  );
  const sourceMode = (path: string[]) => {
    const t = tableByPath.get(tableKey(path));
    return t ? modeFor(t, "source") : "insert-only";
  };

  const planned: JobPlan[] = [];
  for (const job of jobs) {
    const inserts: InsertPlan[] = [];
    for (const ins of job.inserts) {
      const sinkName = tableKey(ins.sink.path);
      const sinkMode = modeFor(ins.sink, "sink");
      let produced: ChangelogMode = "insert-only";
      try {
        produced = modeOf(checkSinkChangelog(ins.query, sinkName, sinkMode, sourceMode));
      } catch (e) {
        if (!(e instanceof ChangelogError)) throw e;
        diagnostics.push(diagnostic("error", e.message, ins.stmt.target.span));
        continue;
      }
      const planTable = (t: CatalogTable, role: TableRole): PlannedTable => ({
        path: t.path,
        definition: t.definition,
        resolved: resolved.get(`${tableKey(t.path)}#${role}`),
        changelogMode: modeFor(t, role),
      });
      inserts.push({
        sink: { ...planTable(ins.sink, "sink"), columns: ins.sinkColumns },
        sources: ins.sources.map((s) => planTable(s, "source")),
        query: ins.query,
        changelogMode: produced === "all" && sinkMode === "upsert" ? "upsert" : produced,
        span: ins.stmt.span,
      });
    }
    if (job.explainOnly) continue;
    const settings = jobSettings(job.config, job.configSpans, diagnostics);
    const name =
      settings.pipelineName ??
      `insert-into_${job.inserts.map((i) => tableKey(i.sink.path)).join(", ")}`;
    planned.push({ name, settings, inserts });
  }

  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  const result: ValidateResult = { diagnostics: dedupe(diagnostics), script: parsed.script };
  if (!hasErrors(diagnostics) && planned.length > 0) result.plan = { jobs: planned };
  return result;
}

function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return ds.filter((d) => {
    const k = `${d.line}:${d.column}:${d.severity}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
