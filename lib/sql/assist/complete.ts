/**
 * Completion for the SQL editor: what may be typed at an offset, from the catalogs the validator
 * checks against (option declarations, the function catalogue, the parser's keywords) and the
 * tables declared earlier in the script. Offsets in, offsets out; no editor types. Browser-safe.
 */
import { functionNames, lookupFunction } from "@/lib/sql/functions";
import { metadataKeysOf } from "@/lib/sql/metadata";
import { typeToString } from "@/lib/types/logical-type";
import { CLAUSE_KEYWORDS, DATA_TYPE_NAMES, STATEMENT_STARTS } from "@/lib/sql/keywords";
import {
  type AssistContext,
  optionDetail,
  optionMarkdown,
  optionsForTable,
  valuesForOption,
} from "./option-catalog";
import { type ScanToken, isPunct } from "./scan";
import { type ScriptContext, scriptContext } from "./script-context";

export type CompletionKind =
  "keyword" | "type" | "function" | "option" | "value" | "table" | "view" | "column" | "secret";

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** Text that replaces [replaceStart, replaceEnd). */
  insertText: string;
  /** What the editor matches the typed prefix against (the quoted key for options). */
  filterText: string;
  replaceStart: number;
  replaceEnd: number;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Lower sorts first. */
  sortText: string;
  /** A deprecated option: sorted last, shown struck through. */
  deprecated?: true;
}

/** A SQL string literal: quotes doubled. */
export const sqlString = (value: string) => `'${value.replace(/'/g, "''")}'`;

const SECRET_PREFIX = "${secret_values.";

export function complete(text: string, offset: number, ctx: AssistContext = {}): CompletionItem[] {
  const sc = scriptContext(text, offset);
  if (sc.withClause && sc.pair) return completeWithOption(sc, offset, ctx);
  if (sc.withClause && sc.pair === undefined && insideWithParens(sc, offset)) return [];
  return metadataKeyCompletion(sc, offset) ?? completeGeneral(sc, offset);
}

/** Inside `METADATA FROM '…'`: the keys the table's connector and value format declare. */
function metadataKeyCompletion(sc: ScriptContext, offset: number): CompletionItem[] | undefined {
  const { statement } = sc;
  const i = statement.findIndex((t) => t.kind === "string" && offset > t.start && offset < t.end);
  const from = statement[i - 1];
  const keyword = statement[i - 2];
  if (i < 2 || from?.kind !== "word" || keyword?.kind !== "word") return undefined;
  if (from.value.toUpperCase() !== "FROM" || keyword.value.toUpperCase() !== "METADATA")
    return undefined;
  const literal = statement[i];
  return metadataKeysOf(sc.withClause?.options ?? new Map()).map((m, n) => ({
    label: m.key,
    kind: "value" as const,
    insertText: sqlString(m.key),
    filterText: sqlString(m.key),
    replaceStart: literal.start,
    replaceEnd: literal.end,
    detail: `${typeToString(m.type)} · ${m.access}`,
    documentation: `Metadata '${m.key}' (${typeToString(m.type)}): ${m.access === "read" ? "read by a source" : m.access === "write" ? "written by a sink" : "read by a source, written by a sink"}.`,
    sortText: String(n).padStart(4, "0"),
  }));
}

function insideWithParens(sc: ScriptContext, offset: number): boolean {
  const pairs = sc.withClause?.pairs ?? [];
  return pairs.length > 0 && offset >= pairs[0].from && offset <= pairs[pairs.length - 1].to;
}

function completeWithOption(
  sc: ScriptContext,
  offset: number,
  ctx: AssistContext,
): CompletionItem[] {
  const pair = sc.pair!;
  const clause = sc.withClause!;
  const inKey = pair.key && offset > pair.key.start && offset <= pair.key.end;
  const inValue = pair.value && offset > pair.value.start && offset <= pair.value.end;
  const beforeAnything = !pair.key || offset <= pair.key.start;

  // A key typed without its quote yet (`sink.parti`): words and dots before the cursor.
  const bare = pair.tokens.filter((t) => t.end <= offset && t.kind !== "string");
  const bareKey =
    !pair.key &&
    !pair.eq &&
    bare.length > 0 &&
    bare.length === pair.tokens.filter((t) => t.end <= offset).length;
  if (inKey || bareKey || (beforeAnything && !pair.eq)) {
    const present = new Set(
      clause.pairs.filter((p) => p !== pair && p.key).map((p) => p.key!.value),
    );
    const replaceStart = inKey ? pair.key!.start : bareKey ? bare[0].start : offset;
    const replaceEnd = inKey ? pair.key!.end : offset;
    const addEquals = !pair.eq;
    return optionsForTable(clause.options, clause.columns)
      .filter((o) => !present.has(o.key))
      .map((o) => ({
        label: o.key,
        kind: "option" as const,
        insertText: sqlString(o.key) + (addEquals ? " = " : ""),
        filterText: bareKey ? o.key : sqlString(o.key),
        replaceStart,
        replaceEnd,
        detail: optionDetail(o),
        documentation: optionMarkdown(o),
        // Required first, then the connector's and formats' options, the Kafka client's, and
        // deprecated ones last.
        sortText: `${o.deprecated ? "3" : o.required ? "0" : o.key.startsWith("properties.") && o.declaredBy.startsWith("Kafka client") ? "2" : "1"}${o.key}`,
        ...(o.deprecated ? { deprecated: true as const } : {}),
      }));
  }

  const afterEquals = pair.key && pair.eq && offset >= pair.eq.end;
  if (!afterEquals || (pair.value && !inValue && offset > pair.value.end)) return [];
  const key = pair.key!.value;

  if (inValue) {
    const secret = secretCompletion(pair.value!, offset, ctx);
    if (secret) return secret;
  }
  const replaceStart = inValue ? pair.value!.start : offset;
  const replaceEnd = inValue ? pair.value!.end : offset;
  return valuesForOption(key, clause.options, ctx).map((v, i) => ({
    label: v.value,
    kind: "value" as const,
    insertText: sqlString(v.value),
    filterText: sqlString(v.value),
    replaceStart,
    replaceEnd,
    detail: `value of '${key}'`,
    documentation: v.doc,
    sortText: String(i).padStart(4, "0"),
  }));
}

/** `${secret_values.` typed inside a value: the names of stored secrets. */
function secretCompletion(
  value: ScanToken,
  offset: number,
  ctx: AssistContext,
): CompletionItem[] | undefined {
  // Offsets inside the literal map 1:1 to the value only without doubled quotes before the cursor.
  const typed = value.value.slice(0, offset - value.start - 1);
  const at = typed.lastIndexOf(SECRET_PREFIX);
  if (at < 0 || typed.slice(at).includes("}")) return undefined;
  const replaceStart = value.start + 1 + at + SECRET_PREFIX.length;
  const rest = value.value.slice(offset - value.start - 1);
  const tail = /^[A-Za-z0-9_-]*\}?/.exec(rest)?.[0] ?? "";
  return (ctx.secretNames ?? []).map((name) => ({
    label: name,
    kind: "secret" as const,
    insertText: `${name}}`,
    filterText: name,
    replaceStart,
    replaceEnd: offset + tail.length,
    detail: "secret",
    documentation: `The stored secret '${name}', put in when the job runs; the script never holds its value.`,
    sortText: name,
  }));
}

const RELATION_CONTEXT = new Set(["FROM", "JOIN", "INTO", "TABLE"]);

function completeGeneral(sc: ScriptContext, offset: number): CompletionItem[] {
  const { statement } = sc;
  const current = statement.find(
    (t) => (t.kind === "word" || t.kind === "qident") && offset > t.start && offset <= t.end,
  );
  if (statement.some((t) => t.kind === "string" && offset > t.start && offset < t.end)) return [];
  const replaceStart = current ? current.start : offset;
  const replaceEnd = current ? current.end : offset;
  const before = statement.filter((t) => t.end <= replaceStart);
  const prev = before[before.length - 1];
  const prev2 = before[before.length - 2];
  const item = (
    label: string,
    kind: CompletionKind,
    sort: string,
    extra: Partial<CompletionItem> = {},
  ): CompletionItem => ({
    label,
    kind,
    insertText: label,
    filterText: label,
    replaceStart,
    replaceEnd,
    sortText: sort + label,
    ...extra,
  });
  const quoteIfNeeded = (name: string) =>
    /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replace(/`/g, "``")}\``;

  // `t.` → the columns of t (a table, or an alias of one in this statement).
  if (isPunct(prev, ".") && prev2 && (prev2.kind === "word" || prev2.kind === "qident")) {
    const relation = resolveRelation(sc, prev2.value);
    return (relation?.columns ?? []).map((c) =>
      item(c.name, "column", "0", { insertText: quoteIfNeeded(c.name), detail: c.definition }),
    );
  }

  const relations = sc.relations.map((r) =>
    item(r.name, r.kind, "0", {
      insertText: quoteIfNeeded(r.name),
      detail: r.kind,
      documentation: r.columns.length
        ? r.columns.map((c) => `- \`${c.name}\` ${c.definition}`).join("\n")
        : undefined,
    }),
  );
  if (prev && prev.kind === "word" && RELATION_CONTEXT.has(prev.value.toUpperCase()))
    return relations;

  const referenced = new Set(
    statement.filter((t) => t.kind === "word" || t.kind === "qident").map((t) => t.value),
  );
  const columns = sc.relations
    .filter((r) => referenced.has(r.name))
    .flatMap((r) =>
      r.columns.map((c) =>
        item(c.name, "column", "0", {
          insertText: quoteIfNeeded(c.name),
          detail: `${r.name}.${c.name} ${c.definition}`,
        }),
      ),
    );
  const functions = functionNames().map((name) => {
    const def = lookupFunction(name)!;
    return item(name, "function", "2", {
      detail: def.kind === "aggregate" ? "aggregate function" : "function",
      documentation: functionMarkdown(name),
    });
  });
  const atStart = before.length === 0;
  const keywords = [...new Set([...STATEMENT_STARTS, ...CLAUSE_KEYWORDS])].map((k) =>
    item(k, "keyword", STATEMENT_STARTS.has(k) && atStart ? "0" : "3"),
  );
  const types = DATA_TYPE_NAMES.map((t) => item(t, "type", "3"));
  if (atStart) return keywords.filter((k) => STATEMENT_STARTS.has(k.label));
  return [...columns, ...relations, ...functions, ...keywords, ...types];
}

function resolveRelation(sc: ScriptContext, name: string) {
  const direct = sc.relations.find((r) => r.name === name);
  if (direct) return direct;
  // An alias: `FROM table [AS] alias`.
  const s = sc.statement;
  for (let i = 0; i < s.length; i++) {
    const t = s[i];
    if (t.value !== name || (t.kind !== "word" && t.kind !== "qident")) continue;
    const target = s[i - 1]?.value.toUpperCase() === "AS" ? s[i - 2] : s[i - 1];
    const relation = target && sc.relations.find((r) => r.name === target.value);
    if (relation) return relation;
  }
  return undefined;
}

/** A function's documentation: its kind and the signatures the type checker accepts. */
export function functionMarkdown(name: string): string | undefined {
  const def = lookupFunction(name);
  if (!def) return undefined;
  const canonical = def.name === name.toUpperCase() ? "" : ` (alias of ${def.name})`;
  return [
    `**${name.toUpperCase()}**${canonical} · ${def.kind === "aggregate" ? "aggregate" : "scalar"} function`,
    "",
    ...def.signatures.map((s) => `- \`${s}\``),
  ].join("\n");
}
