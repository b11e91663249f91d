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
  type ConnectorCheckContext,
  type ResolvedTable,
} from "@/lib/sql/connector-adapter";
import { diagnostic, hasErrors, type Diagnostic, type SourceSpan } from "@/lib/sql/diagnostic";
import { analyzeInsert, collectScans, type AnalyzedInsert } from "@/lib/sql/insert";
import { validateMetadataColumns } from "@/lib/sql/metadata";
import { MAX_SQL_LENGTH, NESTING_MESSAGE, sqlTooLongMessage } from "@/lib/sql/limits";
import {
  LITERAL_PASSWORD_CODE,
  literalSecretRanges,
  literalSecretsOfSql,
  scrubText,
} from "@/lib/secrets/literal-secrets";
import {
  capabilityOf,
  runsOnFlinkMessage,
  unsupportedOperator,
} from "@/lib/sql/engine-capabilities";
import { parseScript } from "@/lib/sql/parser";
import { reduceExpressions } from "@/lib/sql/reduce-expressions";
import type { InsertPlan, JobPlan, Plan, PlannedTable } from "@/lib/sql/plan";
import { jobSettings, SessionConfig } from "@/lib/sql/settings";
import { SemanticError } from "@/lib/sql/typecheck";
import type { TableRole } from "@/lib/connectors/table";
import type { AttachedStoreFile } from "@/lib/connectors/factory";
import { PROPS_BOOTSTRAP_SERVERS } from "@/lib/connectors/kafka/kafka-options";
import { getConnectorFactory } from "@/lib/connectors/registry";
import { sessionValueProblem } from "@/lib/options/session-options";
import { isSecretPlaceholder } from "@/lib/sql/options";
import type { ChangelogMode } from "@/lib/types/logical-type";

export interface ValidateOptions {
  /** Class names of custom partitioners attached to the job (uploaded resources). */
  attachedPartitionerClasses?: string[];
  /** The other classes (or JS exports) of the attached resources: named in sink.partitioner, they are no partitioner. */
  attachedOtherClasses?: string[];
  /** The key and trust stores attached to the job (`/flink/usrlib/<fileName>`); undefined: not known. */
  attachedStoreFiles?: readonly AttachedStoreFile[];
  resources?: { partitionerClasses?: string[] };
}

export interface ValidateResult {
  diagnostics: Diagnostic[];
  script?: ScriptAst;
  /** The plan to deploy: only when there is no error. */
  plan?: Plan;
  /**
   * The plan to explain when the only errors are capabilities the embedded engine lacks
   * (engine-capabilities.ts): Flink would plan the script, so EXPLAIN shows it.
   */
  explainable?: Plan;
}

interface PendingJob {
  inserts: AnalyzedInsert[];
  config: Map<string, string>;
  configSpans: Map<string, SourceSpan>;
  /** EXPLAIN statements are checked like jobs but not run. */
  explainOnly: boolean;
}

const tableKey = (path: string[]) => path.join(".");

/** The paths of a script's ADD JAR statements, in order. */
export function addedJars(script: ScriptAst): string[] {
  return script.statements.flatMap((s) => (s.kind === "AddJar" ? [s.path.value] : []));
}

export function validateScript(text: string, opts: ValidateOptions = {}): ValidateResult {
  if (text.length > MAX_SQL_LENGTH) {
    return { diagnostics: [diagnostic("error", sqlTooLongMessage(text.length), endOf(text))] };
  }
  try {
    return validateParsed(text, opts);
  } catch (e) {
    // The parser bounds nesting and depth; this is the net under any later pass that still
    // recursed too deep, so the answer is a diagnostic, never a crash.
    if (!(e instanceof RangeError)) throw e;
    const span = { line: 1, column: 1, endLine: 1, endColumn: 2 };
    return { diagnostics: [diagnostic("error", NESTING_MESSAGE, span)] };
  }
}

function endOf(text: string) {
  const lines = text.split("\n", MAX_SQL_LENGTH + 1);
  const line = lines.length;
  const column = lines[lines.length - 1].length + 1;
  return { line, column: Math.max(1, column - 1), endLine: line, endColumn: column };
}

function validateParsed(text: string, opts: ValidateOptions): ValidateResult {
  const parsed = parseScript(text);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  const catalog = new Catalog();
  const session = new SessionConfig();
  const setSpans = new Map<string, SourceSpan>();
  const jobs: PendingJob[] = [];
  /** Tables that a SELECT (or EXPLAIN SELECT) without INSERT reads: Flink creates their sources. */
  const queried: string[][] = [];

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
          const problem = isSecretPlaceholder(stmt.value.value)
            ? undefined
            : sessionValueProblem(stmt.key.value, stmt.value.value);
          if (problem) diagnostics.push(diagnostic("error", problem, stmt.value.span));
          session.set(stmt.key.value, stmt.value.value);
          setSpans.set(stmt.key.value, stmt.value.span);
        }
        break;
      case "Reset":
        session.reset(stmt.key?.value);
        break;
      case "AddJar":
        break; // the caller attaches the JAR (addedJars); its classes come as attachedPartitionerClasses
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
      queried.push(...collectScans(catalog.analyzer.query(query)));
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

  // Roles: how the statements use each table. A table that no statement uses is checked as Flink
  // would check it at its first use — as a sink when its connector can write, else as a source —
  // so the author learns of a missing topic or a typo'd option while typing, not at deploy.
  const roles = new Map<string, Set<TableRole>>();
  const addRole = (path: string[], r: TableRole) => {
    const k = tableKey(path);
    if (!roles.has(k)) roles.set(k, new Set());
    roles.get(k)!.add(r);
  };
  for (const job of jobs) {
    for (const ins of job.inserts) {
      addRole(ins.sink.path, "sink");
      ins.sources.forEach((s) => addRole(s.path, "source"));
    }
  }
  queried.forEach((path) => addRole(path, "source"));
  const firstUseRole = (t: CatalogTable): TableRole => {
    const factory = getConnectorFactory(t.options.get("connector") ?? "");
    return !factory || factory.roles.includes("sink") ? "sink" : "source";
  };
  const resolved = new Map<string, ResolvedTable | undefined>();
  const ctx = {
    attachedPartitionerClasses:
      opts.attachedPartitionerClasses ?? opts.resources?.partitionerClasses,
    attachedOtherClasses: opts.attachedOtherClasses,
    attachedStoreFiles: opts.attachedStoreFiles,
  };
  for (const obj of catalog.all()) {
    if (obj.kind !== "table") continue;
    const used = roles.get(tableKey(obj.path));
    if (!used) {
      diagnostics.push(...firstUseDiagnostics(obj, firstUseRole(obj), ctx));
      continue;
    }
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
  const flinkOnly: Diagnostic[] = [];
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
      const missing = job.explainOnly ? undefined : unsupportedOperator(ins.query);
      if (missing) {
        flinkOnly.push(
          diagnostic("warning", runsOnFlinkMessage(capabilityOf(missing)), ins.stmt.target.span),
        );
      }
      inserts.push({
        sink: { ...planTable(ins.sink, "sink"), columns: ins.sinkColumns },
        sources: ins.sources.map((s) => planTable(s, "source")),
        query: reduceExpressions(ins.query, {
          localTimeZone: job.config.get("table.local-time-zone") ?? "UTC",
          now: () => Date.now(),
        }),
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

  const plannable = !hasErrors(diagnostics) && planned.length > 0;
  diagnostics.push(...flinkOnly);
  diagnostics.push(...literalPasswordWarnings(parsed.script));
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  const result: ValidateResult = {
    diagnostics: scrubDiagnostics(diagnostics, text),
    script: parsed.script,
  };
  if (plannable) result.plan = { jobs: planned };
  if (plannable) result.explainable = { jobs: planned };
  return result;
}

/** A literal password works, but belongs in the secret store: warned, with what a quick fix needs. */
function literalPasswordWarnings(script: ScriptAst): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const stmt of script.statements) {
    if (stmt.kind !== "CreateTable") continue;
    // The scope a secret made from this literal gets: where the table's client connects.
    const servers = stmt.options.find(
      (o) => o.key.toLowerCase() === PROPS_BOOTSTRAP_SERVERS.key,
    )?.value;
    for (const o of stmt.options) {
      if (literalSecretRanges(o.key, o.value).length === 0) continue;
      out.push({
        ...diagnostic(
          "warning",
          `'${o.key}' is a literal password; store it as a secret and write \${secret_values.name}`,
          o.valueSpan,
        ),
        code: LITERAL_PASSWORD_CODE,
        option: { key: o.key, keySpan: o.keySpan, valueSpan: o.valueSpan },
        action: { kind: "move-to-secret", bootstrapServers: servers?.trim() || null },
      });
    }
  }
  return out;
}

/** No message about the script may repeat one of its literal passwords. */
function scrubDiagnostics(ds: Diagnostic[], text: string): Diagnostic[] {
  const secrets = literalSecretsOfSql(text);
  if (secrets.length === 0) return ds;
  return ds.map((d) => ({ ...d, message: scrubText(d.message, secrets) }));
}

/**
 * A table no statement uses, checked for the role of its likely first use. A metadata column is
 * reported only when no role of its connector could take it: a non-virtual `offset` column is
 * fine for a table meant to be read, though a sink would refuse it.
 */
function firstUseDiagnostics(
  t: CatalogTable,
  role: TableRole,
  ctx: ConnectorCheckContext,
): Diagnostic[] {
  const check = (r: TableRole) => [
    ...checkConnector(t.definition, r, { ...ctx, firstUse: true }).diagnostics,
    ...validateMetadataColumns(t, r),
  ];
  const found = check(role);
  const roles = getConnectorFactory(t.options.get("connector") ?? "")?.roles ?? [role];
  const metadataSpans = t.columns.filter((c) => c.kind === "metadata").map((c) => c.span);
  const at = (d: SourceSpan) => `${d.line}:${d.column}`;
  const acceptedElsewhere = new Set(
    roles
      .filter((r) => r !== role)
      .flatMap((r) => {
        const refused = new Set(check(r).map(at));
        return metadataSpans.filter((s) => !refused.has(at(s))).map(at);
      }),
  );
  return found.filter((d) => !acceptedElsewhere.has(at(d)));
}
