/**
 * What the editor's assistance needs to know about the script around the cursor, from the
 * forgiving scan (so it works while the script is half typed): tables and views declared so far
 * with their columns, and the WITH clause the cursor is in. Pure, browser-safe.
 */
import { type ScanToken, containsOffset, isPunct, isWord, scan, statementAt } from "./scan";

export interface DeclaredColumn {
  name: string;
  /** The column's definition as written after its name (type, METADATA, computed expression). */
  definition: string;
}

export interface DeclaredRelation {
  kind: "table" | "view";
  name: string;
  columns: DeclaredColumn[];
  start: number;
}

export interface WithPair {
  /** The segment's tokens (a key typed without quotes is words and dots). */
  tokens: ScanToken[];
  key?: ScanToken;
  eq?: ScanToken;
  value?: ScanToken;
  /** Offsets of the segment between separators. */
  from: number;
  to: number;
}

export interface WithClause {
  options: Map<string, string>;
  pairs: WithPair[];
  columns: string[];
}

const nameOf = (t: ScanToken | undefined) =>
  t && (t.kind === "word" || t.kind === "qident") ? t.value : undefined;

/** Splits the tokens between an opening paren at `open` and its match into top-level segments. */
function segments(
  tokens: readonly ScanToken[],
  open: number,
): { segs: Array<{ tokens: ScanToken[]; from: number; to: number }>; close: number } {
  const segs: Array<{ tokens: ScanToken[]; from: number; to: number }> = [];
  let depth = 0;
  let current: ScanToken[] = [];
  let from = tokens[open].end;
  let i = open + 1;
  for (; i < tokens.length; i++) {
    const t = tokens[i];
    if (isPunct(t, "(")) depth++;
    if (isPunct(t, ")")) {
      if (depth === 0) break;
      depth--;
    }
    if (depth === 0 && isPunct(t, ",")) {
      segs.push({ tokens: current, from, to: t.start });
      current = [];
      from = t.end;
      continue;
    }
    current.push(t);
  }
  const to = i < tokens.length ? tokens[i].start : Number.MAX_SAFE_INTEGER;
  segs.push({ tokens: current, from, to });
  return { segs, close: i };
}

const CONSTRAINTS = new Set(["PRIMARY", "WATERMARK", "CONSTRAINT", "PERIOD"]);

function createTableParts(stmt: readonly ScanToken[], text: string) {
  if (!isWord(stmt[0], "CREATE")) return undefined;
  let i = 1;
  while (
    i < stmt.length &&
    stmt[i].kind === "word" &&
    !["TABLE", "VIEW"].includes(stmt[i].value.toUpperCase())
  )
    i++;
  if (i >= stmt.length) return undefined;
  const kind = stmt[i].value.toUpperCase() === "TABLE" ? "table" : "view";
  i++;
  if (isWord(stmt[i], "IF")) i += 3;
  // A qualified name: the last part names the relation.
  let name = nameOf(stmt[i]);
  while (isPunct(stmt[i + 1], ".") && nameOf(stmt[i + 2])) {
    i += 2;
    name = nameOf(stmt[i]);
  }
  if (!name) return undefined;
  const columns: DeclaredColumn[] = [];
  let withIndex = -1;
  if (isPunct(stmt[i + 1], "(")) {
    const { segs, close } = segments(stmt, i + 1);
    for (const seg of segs) {
      const colName = nameOf(seg.tokens[0]);
      if (!colName || (seg.tokens[0].kind === "word" && CONSTRAINTS.has(colName.toUpperCase())))
        continue;
      const rest = seg.tokens.slice(1);
      const definition =
        rest.length === 0 ? "" : text.slice(rest[0].start, rest[rest.length - 1].end).trim();
      columns.push({ name: colName, definition: definition.replace(/\s+/g, " ") });
    }
    i = close;
  }
  for (let j = i; j < stmt.length - 1; j++) {
    if (isWord(stmt[j], "WITH") && isPunct(stmt[j + 1], "(")) {
      withIndex = j + 1;
      break;
    }
    if (kind === "view" && isWord(stmt[j], "AS")) break;
  }
  return { kind, name, columns, withIndex } as const;
}

export interface ScriptContext {
  text: string;
  tokens: ScanToken[];
  /** Tokens of the statement around the cursor. */
  statement: ScanToken[];
  /** Tables and views declared in statements before the cursor's (and in it, for a CREATE). */
  relations: DeclaredRelation[];
  /** The WITH clause the cursor is inside, if any. */
  withClause?: WithClause;
  /** The WITH pair the cursor is in (when inside a WITH clause). */
  pair?: WithPair;
}

export function scriptContext(text: string, offset: number): ScriptContext {
  const tokens = scan(text);
  const statement = statementAt(tokens, offset);
  const relations: DeclaredRelation[] = [];
  let stmt: ScanToken[] = [];
  const flush = () => {
    const parts = stmt.length && stmt[0].start < offset ? createTableParts(stmt, text) : undefined;
    if (parts)
      relations.push({
        kind: parts.kind,
        name: parts.name,
        columns: parts.columns,
        start: stmt[0].start,
      });
    stmt = [];
  };
  for (const t of tokens) {
    if (isPunct(t, ";")) flush();
    else stmt.push(t);
  }
  flush();

  const ctx: ScriptContext = { text, tokens, statement, relations };
  const parts = createTableParts(statement, text);
  if (parts && parts.withIndex >= 0) {
    const { segs } = segments(statement, parts.withIndex);
    const open = statement[parts.withIndex];
    const pairs: WithPair[] = segs.map((s) => ({
      tokens: s.tokens,
      key: s.tokens[0]?.kind === "string" ? s.tokens[0] : undefined,
      eq: isPunct(s.tokens[1], "=") ? s.tokens[1] : undefined,
      value: s.tokens[2]?.kind === "string" ? s.tokens[2] : undefined,
      from: s.from,
      to: s.to,
    }));
    const options = new Map<string, string>();
    for (const p of pairs) if (p.key && p.value) options.set(p.key.value, p.value.value);
    ctx.withClause = { options, pairs, columns: parts.columns.map((c) => c.name) };
    const last = segs[segs.length - 1];
    if (offset >= open.end && offset <= last.to)
      ctx.pair = pairs.find((p) => offset >= p.from && offset <= p.to);
  }
  return ctx;
}

/** The token under the cursor, if any. */
export function tokenAt(tokens: readonly ScanToken[], offset: number): ScanToken | undefined {
  return tokens.find((t) => containsOffset(t, offset));
}
