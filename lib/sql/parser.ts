/**
 * Hand-written recursive-descent parser for the Flink SQL that Tributary runs. It mirrors the
 * shape of Flink's Calcite grammar for the statements listed in ast.ts, reports the first error
 * of each statement as Calcite does ("Encountered … at line L, column C. Was expecting …") and
 * then resynchronises at the next `;` (or at the next statement keyword when a `;` was forgotten)
 * so that one mistake does not hide the rest of the script.
 */
import type * as A from "@/lib/sql/ast";
import { diagnostic, type Diagnostic, type SourceSpan } from "@/lib/sql/diagnostic";
import { RESERVED, RESERVED_FUNCTIONS, STATEMENT_STARTS } from "@/lib/sql/keywords";
import { tokenize, type Token } from "@/lib/sql/lexer";
import { EXTRACT_UNITS, TIMESTAMP_UNITS } from "@/lib/sql/builtins";
import {
  MAX_NESTING,
  MAX_TREE_DEPTH,
  NESTING_MESSAGE,
  TREE_DEPTH_MESSAGE,
  treeDepth,
} from "@/lib/sql/limits";
import { clampToTypeSystem, typeParameterError } from "@/lib/sql/types";
import {
  MAX_LENGTH,
  T,
  typeToString,
  type LogicalType,
  type RowField,
} from "@/lib/types/logical-type";

export class ParseError extends Error {
  constructor(
    message: string,
    readonly span: SourceSpan,
  ) {
    super(message);
  }
}

export interface ParseResult {
  script: A.ScriptAst;
  diagnostics: Diagnostic[];
}

export function parseScript(text: string): ParseResult {
  const { tokens, errors } = tokenize(text);
  const diagnostics: Diagnostic[] = errors.map((e) => diagnostic("error", e.message, e.span));
  const parser = new Parser(tokens, diagnostics);
  const statements = parser.parseStatements();
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { script: { statements }, diagnostics };
}

export function spanOf(a: SourceSpan, b: SourceSpan): SourceSpan {
  return { line: a.line, column: a.column, endLine: b.endLine, endColumn: b.endColumn };
}

const TIME_UNITS = new Set(["YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"]);
const NILADIC = new Set([
  "CURRENT_TIMESTAMP",
  "LOCALTIMESTAMP",
  "CURRENT_DATE",
  "CURRENT_TIME",
  "LOCALTIME",
]);

function describe(tok: Token): string {
  if (tok.kind === "eof") return "<EOF>";
  if (tok.kind === "string") return `'${tok.value}'`;
  if (tok.kind === "qident") return `\`${tok.value}\``;
  return tok.value;
}

class Parser {
  private pos = 0;
  /** What the grammar tried at `expectedAt`, as JavaCC collects it for "Was expecting". */
  private expected: string[] = [];
  private expectedAt = -1;
  /** Current depth of the recursive rules that nest (see MAX_NESTING). */
  private nesting = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly diagnostics: Diagnostic[],
  ) {}

  // ------------------------------------------------------------------------------------------
  // Token helpers

  private get tok(): Token {
    return this.tokens[this.pos];
  }
  private peekTok(k = 1): Token {
    return this.tokens[Math.min(this.pos + k, this.tokens.length - 1)];
  }
  private get prev(): Token {
    return this.tokens[Math.max(0, this.pos - 1)];
  }
  private advance(): Token {
    const t = this.tok;
    if (t.kind !== "eof") this.pos++;
    return t;
  }
  private expect(label: string) {
    if (this.expectedAt !== this.pos) {
      this.expectedAt = this.pos;
      this.expected = [];
    }
    if (!this.expected.includes(label)) this.expected.push(label);
  }
  private isKw(word: string, k = 0): boolean {
    if (k === 0) this.expect(`"${word}"`);
    const t = this.peekTok(k);
    return t.kind === "ident" && t.upper === word;
  }
  private isOp(op: string, k = 0): boolean {
    if (k === 0) this.expect(`"${op}"`);
    const t = this.peekTok(k);
    return t.kind === "op" && t.value === op;
  }
  private acceptKw(word: string): Token | null {
    return this.isKw(word) ? this.advance() : null;
  }
  private acceptOp(op: string): Token | null {
    return this.isOp(op) ? this.advance() : null;
  }
  private expectKw(word: string): Token {
    if (this.isKw(word)) return this.advance();
    throw this.unexpected();
  }
  private expectOp(op: string): Token {
    if (this.isOp(op)) return this.advance();
    throw this.unexpected();
  }
  private from(start: Token | SourceSpan): SourceSpan {
    const s = "span" in start ? start.span : start;
    return spanOf(s, this.prev.span);
  }

  /** Calcite's wording, pointing at the offending token. */
  private unexpected(extra?: string): ParseError {
    const t = this.tok;
    // Most recent expectation first: it is the one the failing rule was after.
    const exp = this.expectedAt === this.pos ? [...this.expected].reverse() : [];
    let message = `Encountered "${describe(t)}" at line ${t.span.line}, column ${t.span.column}.`;
    if (exp.length === 1) message += ` Was expecting ${exp[0]}`;
    else if (exp.length > 1) {
      const shown = exp.slice(0, 12);
      message += ` Was expecting one of: ${shown.join(", ")}${exp.length > shown.length ? ", …" : ""}`;
    }
    if (t.kind === "ident" && RESERVED.has(t.upper) && exp.some((e) => e === "an identifier")) {
      message += ` ("${t.value}" is a reserved keyword: quote it as \`${t.value}\`)`;
    }
    if (extra) message += ` ${extra}`;
    return new ParseError(message, t.span);
  }

  /** Runs a rule that recurses, refusing to go deeper than MAX_NESTING. */
  private nested<R>(rule: () => R): R {
    if (this.nesting >= MAX_NESTING) throw new ParseError(NESTING_MESSAGE, this.tok.span);
    this.nesting++;
    try {
      return rule();
    } finally {
      this.nesting--;
    }
  }

  private error(message: string, span: SourceSpan) {
    this.diagnostics.push(diagnostic("error", message, span));
  }

  // ------------------------------------------------------------------------------------------
  // Script and statements

  parseStatements(): A.Statement[] {
    const out: A.Statement[] = [];
    while (this.tok.kind !== "eof") {
      if (this.acceptOp(";")) continue;
      const startPos = this.pos;
      const startTok = this.tok;
      try {
        const stmt = this.parseStatement();
        // Parsed whole, so the script goes on after it; only later passes must not see it.
        if (treeDepth(stmt) > MAX_TREE_DEPTH) this.error(TREE_DEPTH_MESSAGE, startTok.span);
        else out.push(stmt);
        if (this.peekTok(0).kind === "eof" || this.acceptOp(";")) continue;
        // The statement is complete but something other than `;` follows.
        this.expect('";"');
        const t = this.tok;
        if (t.kind === "ident" && STATEMENT_STARTS.has(t.upper)) {
          this.error(
            `Encountered "${describe(t)}" at line ${t.span.line}, column ${t.span.column}. Was expecting ";" — is a ";" missing at the end of the previous statement?`,
            t.span,
          );
          continue; // resume at the statement that follows
        }
        throw this.unexpected();
      } catch (thrown) {
        // A stack overflow the nesting rule did not foresee is still this statement's error.
        const e =
          thrown instanceof RangeError ? new ParseError(NESTING_MESSAGE, startTok.span) : thrown;
        if (!(e instanceof ParseError)) throw e;
        this.error(e.message, e.span);
        this.recover(startPos);
      }
    }
    return out;
  }

  /** Skips to the end of the broken statement: the next top-level `;`, or a statement keyword at a line start. */
  private recover(startPos: number) {
    if (this.pos === startPos) this.advance();
    let depth = 0;
    while (this.tok.kind !== "eof") {
      const t = this.tok;
      if (t.kind === "op" && t.value === "(") depth++;
      else if (t.kind === "op" && t.value === ")") depth = Math.max(0, depth - 1);
      else if (t.kind === "op" && t.value === ";" && depth === 0) {
        this.advance();
        return;
      } else if (
        t.kind === "ident" &&
        (t.upper === "CREATE" || t.upper === "INSERT") &&
        this.prev.span.endLine < t.span.line
      ) {
        return;
      }
      this.advance();
    }
  }

  private parseStatement(): A.Statement {
    const t = this.tok;
    if (this.isKw("CREATE")) return this.parseCreate();
    if (this.isKw("INSERT")) return this.parseInsert();
    if (this.isKw("SET")) return this.parseSet();
    if (this.isKw("RESET")) return this.parseReset();
    if (this.isKw("ADD")) return this.parseAddJar();
    if (this.isKw("BEGIN")) return this.parseBeginStatementSet();
    if (this.isKw("EXECUTE")) return this.parseExecute();
    if (this.isKw("EXPLAIN")) return this.parseExplain();
    if (this.isKw("SELECT") || this.isKw("VALUES") || this.isOp("(")) {
      const query = this.parseQuery();
      return { kind: "Query", query, span: this.from(t) };
    }
    throw this.unexpected();
  }

  private parseCreate(): A.Statement {
    const start = this.expectKw("CREATE");
    const temporary = !!this.acceptKw("TEMPORARY");
    if (this.isKw("TABLE")) return this.parseCreateTable(start, temporary);
    if (this.isKw("VIEW")) return this.parseCreateView(start, temporary);
    if (
      this.isKw("FUNCTION") ||
      this.isKw("SYSTEM") ||
      this.isKw("CATALOG") ||
      this.isKw("DATABASE")
    ) {
      throw new ParseError(
        `CREATE ${this.tok.upper} is not supported by Tributary; a job script may create tables and views`,
        this.tok.span,
      );
    }
    throw this.unexpected();
  }

  private parseIfNotExists(): boolean {
    if (!this.isKw("IF")) return false;
    this.advance();
    this.expectKw("NOT");
    this.expectKw("EXISTS");
    return true;
  }

  private parseCreateTable(start: Token, temporary: boolean): A.CreateTableStmt {
    this.expectKw("TABLE");
    const ifNotExists = this.parseIfNotExists();
    const name = this.parseQualifiedName();
    const columns: A.ColumnDef[] = [];
    let watermark: A.CreateTableStmt["watermark"];
    let primaryKey: A.CreateTableStmt["primaryKey"];
    if (this.isKw("AS")) {
      throw new ParseError(
        "CREATE TABLE … AS SELECT is not supported by Tributary; declare the table and use INSERT INTO",
        this.tok.span,
      );
    }
    if (this.isKw("LIKE")) {
      throw new ParseError(
        "CREATE TABLE … LIKE is not supported by Tributary; declare the columns explicitly",
        this.tok.span,
      );
    }
    this.expectOp("(");
    for (;;) {
      const elStart = this.tok;
      if (this.isKw("WATERMARK")) {
        this.advance();
        this.expectKw("FOR");
        const column = this.parseIdentifier();
        this.expectKw("AS");
        const expr = this.parseExpr();
        const wm = { column, expr, span: this.from(elStart) };
        if (watermark) this.error("Multiple WATERMARK statements is not supported yet.", wm.span);
        watermark = wm;
      } else if (this.isKw("PRIMARY") || this.isKw("CONSTRAINT")) {
        if (this.acceptKw("CONSTRAINT")) this.parseIdentifier();
        this.expectKw("PRIMARY");
        this.expectKw("KEY");
        this.expectOp("(");
        const cols = [this.parseIdentifier()];
        while (this.acceptOp(",")) cols.push(this.parseIdentifier());
        this.expectOp(")");
        this.parseNotEnforced();
        const pk = { columns: cols, span: this.from(elStart) };
        if (primaryKey) this.error("Duplicate primary key definition", pk.span);
        primaryKey = pk;
      } else {
        const col = this.parseColumn();
        columns.push(col);
        if (col.kind === "physical" && col.primaryKey) {
          if (primaryKey) this.error("Duplicate primary key definition", col.primaryKey);
          else primaryKey = { columns: [col.name], span: col.primaryKey };
        }
      }
      if (this.acceptOp(",")) continue;
      this.expectOp(")");
      break;
    }
    let comment: A.StringLiteralNode | undefined;
    if (this.acceptKw("COMMENT")) comment = this.parseStringLiteral();
    let partitionedBy: A.Identifier[] | undefined;
    if (this.acceptKw("PARTITIONED")) {
      this.expectKw("BY");
      this.expectOp("(");
      partitionedBy = [this.parseIdentifier()];
      while (this.acceptOp(",")) partitionedBy.push(this.parseIdentifier());
      this.expectOp(")");
    }
    const options: A.OptionDef[] = [];
    let withSpan = name.span;
    if (this.isKw("WITH")) {
      withSpan = this.advance().span;
      this.parseOptionList(options);
    }
    return {
      kind: "CreateTable",
      temporary,
      ifNotExists,
      name,
      columns,
      watermark,
      primaryKey,
      comment,
      partitionedBy,
      options,
      withSpan,
      span: this.from(start),
    };
  }

  private parseNotEnforced() {
    if (this.isKw("NOT") && this.isKw("ENFORCED", 1)) {
      this.advance();
      this.advance();
      return;
    }
    if (this.isKw("ENFORCED")) {
      throw new ParseError(
        "Flink doesn't support ENFORCED mode for PRIMARY KEY constraint. ENFORCED/NOT ENFORCED controls if the constraint checks are performed on the incoming/outgoing data. Flink does not own the data therefore the only supported mode is the NOT ENFORCED mode",
        this.tok.span,
      );
    }
    this.expect('"NOT ENFORCED"');
    throw this.unexpected("(Flink only supports PRIMARY KEY (…) NOT ENFORCED)");
  }

  private parseOptionList(options: A.OptionDef[]) {
    this.expectOp("(");
    if (this.acceptOp(")")) return;
    for (;;) {
      const keyTok = this.tok;
      if (keyTok.kind !== "string") {
        this.expect("a quoted option key such as 'connector'");
        throw this.unexpected();
      }
      this.advance();
      this.expectOp("=");
      const valTok = this.tok;
      if (valTok.kind !== "string") {
        this.expect("a quoted option value");
        throw this.unexpected();
      }
      this.advance();
      options.push({
        key: keyTok.value,
        value: valTok.value,
        keySpan: keyTok.span,
        valueSpan: valTok.span,
        span: spanOf(keyTok.span, valTok.span),
      });
      if (this.acceptOp(",")) continue;
      this.expectOp(")");
      return;
    }
  }

  private parseColumn(): A.ColumnDef {
    const start = this.tok;
    const name = this.parseIdentifier();
    if (this.acceptKw("AS")) {
      const expr = this.parseExpr();
      const comment = this.acceptKw("COMMENT") ? this.parseStringLiteral() : undefined;
      return { kind: "computed", name, expr, comment, span: this.from(start) };
    }
    const type = this.parseDataType();
    if (this.acceptKw("METADATA")) {
      const key = this.acceptKw("FROM") ? this.parseStringLiteral() : undefined;
      const virtual = !!this.acceptKw("VIRTUAL");
      const comment = this.acceptKw("COMMENT") ? this.parseStringLiteral() : undefined;
      return { kind: "metadata", name, type, key, virtual, comment, span: this.from(start) };
    }
    let primaryKey: SourceSpan | undefined;
    if (this.isKw("PRIMARY") || this.isKw("CONSTRAINT")) {
      const pkStart = this.tok;
      if (this.acceptKw("CONSTRAINT")) this.parseIdentifier();
      this.expectKw("PRIMARY");
      this.expectKw("KEY");
      this.parseNotEnforced();
      primaryKey = this.from(pkStart);
    }
    const comment = this.acceptKw("COMMENT") ? this.parseStringLiteral() : undefined;
    return { kind: "physical", name, type, primaryKey, comment, span: this.from(start) };
  }

  private parseCreateView(start: Token, temporary: boolean): A.CreateViewStmt {
    this.expectKw("VIEW");
    const ifNotExists = this.parseIfNotExists();
    const name = this.parseQualifiedName();
    let columns: A.Identifier[] | undefined;
    if (this.acceptOp("(")) {
      columns = [this.parseIdentifier()];
      while (this.acceptOp(",")) columns.push(this.parseIdentifier());
      this.expectOp(")");
    }
    const comment = this.acceptKw("COMMENT") ? this.parseStringLiteral() : undefined;
    this.expectKw("AS");
    const query = this.parseQuery();
    return {
      kind: "CreateView",
      temporary,
      ifNotExists,
      name,
      columns,
      comment,
      query,
      span: this.from(start),
    };
  }

  private parseSet(): A.SetStmt {
    const start = this.expectKw("SET");
    if (this.tok.kind === "string") {
      const key = this.parseStringLiteral();
      this.expectOp("=");
      const value = this.parseStringLiteral();
      return { kind: "Set", key, value, span: this.from(start) };
    }
    if (this.tok.kind === "ident" || this.tok.kind === "qident") {
      this.expect("a quoted key such as 'parallelism.default'");
      throw this.unexpected("(write SET 'key' = 'value' with both key and value in single quotes)");
    }
    return { kind: "Set", span: this.from(start) };
  }

  private parseReset(): A.ResetStmt {
    const start = this.expectKw("RESET");
    if (this.tok.kind === "string")
      return { kind: "Reset", key: this.parseStringLiteral(), span: this.from(start) };
    if (this.tok.kind === "ident" || this.tok.kind === "qident") {
      this.expect("a quoted key");
      throw this.unexpected("(write RESET 'key' with the key in single quotes)");
    }
    return { kind: "Reset", span: this.from(start) };
  }

  private parseAddJar(): A.AddJarStmt {
    const start = this.expectKw("ADD");
    this.expectKw("JAR");
    if (this.tok.kind !== "string") {
      this.expect("the JAR's path in single quotes");
      throw this.unexpected("(write ADD JAR '/path/to/partitioner.jar')");
    }
    return { kind: "AddJar", path: this.parseStringLiteral(), span: this.from(start) };
  }

  private parseInsert(): A.InsertStmt {
    const start = this.expectKw("INSERT");
    let overwrite = false;
    if (this.acceptKw("OVERWRITE")) overwrite = true;
    else this.expectKw("INTO");
    const target = this.parseQualifiedName();
    if (this.isKw("PARTITION")) {
      throw new ParseError("INSERT … PARTITION is not supported for Kafka tables", this.tok.span);
    }
    let columns: A.Identifier[] | undefined;
    // `(` starts a column list unless it opens a parenthesised query.
    if (
      this.isOp("(") &&
      !this.isKw("SELECT", 1) &&
      !this.isKw("VALUES", 1) &&
      !this.isOp("(", 1)
    ) {
      this.advance();
      columns = [this.parseIdentifier()];
      while (this.acceptOp(",")) columns.push(this.parseIdentifier());
      this.expectOp(")");
    }
    const query = this.parseQuery();
    return { kind: "Insert", overwrite, target, columns, query, span: this.from(start) };
  }

  private parseStatementSetBody(start: Token, form: "BEGIN" | "EXECUTE"): A.StatementSetStmt {
    const inserts: A.InsertStmt[] = [];
    for (;;) {
      if (this.acceptOp(";")) continue;
      if (this.acceptKw("END")) break;
      if (!this.isKw("INSERT")) {
        this.expect('"END"');
        throw this.unexpected("(a statement set holds only INSERT statements)");
      }
      inserts.push(this.parseInsert());
      if (this.isKw("END")) {
        this.expect('";"');
        throw this.unexpected('— every INSERT in a statement set ends with ";"');
      }
      this.expectOp(";");
    }
    const set: A.StatementSetStmt = { kind: "StatementSet", form, inserts, span: this.from(start) };
    if (inserts.length === 0)
      this.error("A statement set must contain at least one INSERT statement", set.span);
    return set;
  }

  private parseBeginStatementSet(): A.StatementSetStmt {
    const start = this.expectKw("BEGIN");
    this.expectKw("STATEMENT");
    this.expectKw("SET");
    this.expectOp(";");
    return this.parseStatementSetBody(start, "BEGIN");
  }

  private parseExecute(): A.Statement {
    const start = this.expectKw("EXECUTE");
    if (this.isKw("INSERT")) return this.parseInsert();
    this.expectKw("STATEMENT");
    this.expectKw("SET");
    this.expectKw("BEGIN");
    return this.parseStatementSetBody(start, "EXECUTE");
  }

  private parseExplain(): A.ExplainStmt {
    const start = this.expectKw("EXPLAIN");
    if (this.acceptKw("PLAN")) {
      this.expectKw("FOR");
    } else {
      const details = ["ESTIMATED_COST", "CHANGELOG_MODE", "JSON_EXECUTION_PLAN", "PLAN_ADVICE"];
      while (details.some((d) => this.isKw(d))) {
        this.advance();
        if (!this.acceptOp(",")) break;
      }
    }
    let statement: A.ExplainStmt["statement"];
    if (this.isKw("INSERT")) statement = this.parseInsert();
    else if (this.isKw("BEGIN")) statement = this.parseBeginStatementSet();
    else if (this.isKw("EXECUTE")) {
      const s = this.parseExecute();
      statement = s as A.InsertStmt | A.StatementSetStmt;
    } else if (this.isKw("SELECT") || this.isKw("VALUES") || this.isOp("(")) {
      const qs = this.tok;
      const query = this.parseQuery();
      statement = { kind: "Query", query, span: this.from(qs) };
    } else throw this.unexpected();
    return { kind: "Explain", statement, span: this.from(start) };
  }

  // ------------------------------------------------------------------------------------------
  // Names and literals

  parseIdentifier(): A.Identifier {
    this.expect("an identifier");
    const t = this.tok;
    if (t.kind === "qident") {
      this.advance();
      return { kind: "Identifier", value: t.value, quoted: true, span: t.span };
    }
    if (t.kind === "ident" && !RESERVED.has(t.upper)) {
      this.advance();
      return { kind: "Identifier", value: t.value, quoted: false, span: t.span };
    }
    throw this.unexpected();
  }

  private isIdentifierStart(k = 0): boolean {
    const t = this.peekTok(k);
    return t.kind === "qident" || (t.kind === "ident" && !RESERVED.has(t.upper));
  }

  private parseQualifiedName(): A.QualifiedName {
    const first = this.parseIdentifier();
    const parts = [first];
    while (this.isOp(".")) {
      this.advance();
      parts.push(this.parseIdentifier());
    }
    if (parts.length > 3)
      this.error(
        `Table name '${parts.map((p) => p.value).join(".")}' has more than 3 parts (catalog.database.table)`,
        spanOf(first.span, parts[parts.length - 1].span),
      );
    return { kind: "QualifiedName", parts, span: spanOf(first.span, parts[parts.length - 1].span) };
  }

  private parseStringLiteral(): A.StringLiteralNode {
    this.expect("a string literal");
    const t = this.tok;
    if (t.kind === "string" || t.kind === "ustring") {
      this.advance();
      return { value: t.value, span: t.span };
    }
    throw this.unexpected();
  }

  private parseUnsignedInt(what: string): number {
    this.expect(what);
    const t = this.tok;
    if (t.kind !== "int") throw this.unexpected();
    this.advance();
    const n = Number(t.value);
    return n;
  }

  // ------------------------------------------------------------------------------------------
  // Data types

  parseDataType(): A.DataTypeNode {
    const start = this.tok;
    let type = this.parseBaseType();
    type = this.parseNullability(type);
    for (;;) {
      if (this.acceptKw("ARRAY")) type = this.parseNullability(T.array(type));
      else if (this.acceptKw("MULTISET")) type = this.parseNullability(T.multiset(type));
      else break;
    }
    // Parameters were checked where each parameterised type was read (checkTypeParam): ARRAY and
    // MULTISET add none, so checking the whole type again would report the same problem twice.
    return { kind: "DataType", type, span: this.from(start) };
  }

  private parseNullability(type: LogicalType): LogicalType {
    if (this.isKw("NOT") && this.isKw("NULL", 1)) {
      this.advance();
      this.advance();
      return { ...type, nullable: false } as LogicalType;
    }
    if (this.acceptKw("NULL")) return { ...type, nullable: true } as LogicalType;
    return type;
  }

  private optParen(def: number, what: string): number {
    if (!this.acceptOp("(")) return def;
    const n = this.parseUnsignedInt(what);
    this.expectOp(")");
    return n;
  }

  private checkTypeParam(declared: LogicalType, start: Token): LogicalType {
    const clamped = clampToTypeSystem(declared);
    const type = clamped ?? declared;
    if (clamped) {
      this.diagnostics.push(
        diagnostic(
          "warning",
          `${typeToString(declared)} is taken as ${typeToString(clamped)}: Flink's type system caps the precision of ${declared.kind} at ${(clamped as { precision: number }).precision}.`,
          this.from(start),
        ),
      );
    }
    const err = typeParameterError(type);
    if (err) this.error(err, this.from(start));
    return type;
  }

  private parseBaseType(): LogicalType {
    return this.nested(() => this.parseBaseTypeNow());
  }

  private parseBaseTypeNow(): LogicalType {
    const t = this.tok;
    this.expect("a data type");
    if (t.kind !== "ident") throw this.unexpected();
    const w = t.upper;
    switch (w) {
      case "BOOLEAN":
        this.advance();
        return T.boolean();
      case "TINYINT":
        this.advance();
        return T.tinyint();
      case "SMALLINT":
        this.advance();
        return T.smallint();
      case "INT":
      case "INTEGER":
        this.advance();
        return T.int();
      case "BIGINT":
        this.advance();
        return T.bigint();
      case "FLOAT":
      case "REAL":
        this.advance();
        return T.float();
      case "DOUBLE":
        this.advance();
        this.acceptKw("PRECISION");
        return T.double();
      case "DECIMAL":
      case "DEC":
      case "NUMERIC": {
        this.advance();
        let precision = 10;
        let scale = 0;
        if (this.acceptOp("(")) {
          precision = this.parseUnsignedInt("a precision");
          if (this.acceptOp(",")) scale = this.parseUnsignedInt("a scale");
          this.expectOp(")");
        }
        return this.checkTypeParam(T.decimal(precision, scale), t);
      }
      case "CHAR":
      case "CHARACTER": {
        this.advance();
        if (this.acceptKw("VARYING"))
          return this.checkTypeParam(T.varchar(this.optParen(1, "a length")), t);
        return this.checkTypeParam(T.char(this.optParen(1, "a length")), t);
      }
      case "VARCHAR":
        this.advance();
        return this.checkTypeParam(T.varchar(this.optParen(1, "a length")), t);
      case "STRING":
        this.advance();
        return T.string();
      case "BINARY": {
        this.advance();
        if (this.acceptKw("VARYING"))
          return this.checkTypeParam(T.varbinary(this.optParen(1, "a length")), t);
        return this.checkTypeParam(T.binary(this.optParen(1, "a length")), t);
      }
      case "VARBINARY":
        this.advance();
        return this.checkTypeParam(T.varbinary(this.optParen(1, "a length")), t);
      case "BYTES":
        this.advance();
        return T.bytes();
      case "DATE":
        this.advance();
        return T.date();
      case "TIME": {
        this.advance();
        const p = this.optParen(0, "a precision");
        if (this.acceptKw("WITHOUT")) {
          this.expectKw("TIME");
          this.expectKw("ZONE");
        }
        return this.checkTypeParam(T.time(p), t);
      }
      case "TIMESTAMP": {
        this.advance();
        const p = this.optParen(6, "a precision");
        if (this.acceptKw("WITHOUT")) {
          this.expectKw("TIME");
          this.expectKw("ZONE");
        } else if (this.isKw("WITH")) {
          const withTok = this.advance();
          if (this.acceptKw("LOCAL")) {
            this.expectKw("TIME");
            this.expectKw("ZONE");
            return this.checkTypeParam(T.timestampLtz(p), t);
          }
          this.expectKw("TIME");
          this.expectKw("ZONE");
          throw new ParseError(
            "TIMESTAMP WITH TIME ZONE is not supported by Flink; use TIMESTAMP_LTZ (TIMESTAMP WITH LOCAL TIME ZONE)",
            this.from(withTok),
          );
        }
        return this.checkTypeParam(T.timestamp(p), t);
      }
      case "TIMESTAMP_LTZ":
        this.advance();
        return this.checkTypeParam(T.timestampLtz(this.optParen(6, "a precision")), t);
      case "ARRAY":
      case "MULTISET": {
        this.advance();
        this.expectOp("<");
        const el = this.parseDataType().type;
        this.expectOp(">");
        return w === "ARRAY" ? T.array(el) : T.multiset(el);
      }
      case "MAP": {
        this.advance();
        this.expectOp("<");
        const k = this.parseDataType().type;
        this.expectOp(",");
        const v = this.parseDataType().type;
        this.expectOp(">");
        return T.map(k, v);
      }
      case "ROW": {
        this.advance();
        const close = this.isOp("<") ? ">" : ")";
        if (!this.acceptOp("<")) this.expectOp("(");
        const fields: RowField[] = [];
        if (!this.acceptOp(close)) {
          for (;;) {
            const name = this.parseIdentifier();
            const ft = this.parseDataType().type;
            const field: RowField = { name: name.value, type: ft };
            if (this.tok.kind === "string") field.description = this.advance().value;
            if (fields.some((f) => f.name === name.value))
              this.error(
                `Field names must be unique. Found duplicates: [${name.value}]`,
                name.span,
              );
            fields.push(field);
            if (this.acceptOp(",")) continue;
            this.expectOp(close);
            break;
          }
        }
        return T.row(fields);
      }
      case "INTERVAL": {
        this.advance();
        const unit = this.parseTimeUnit();
        let to: string | undefined;
        if (this.acceptKw("TO")) to = this.parseTimeUnit();
        if (unit === "YEAR" || unit === "MONTH") {
          if (to && to !== "MONTH")
            throw new ParseError(
              `Unsupported interval type INTERVAL ${unit} TO ${to}`,
              this.from(t),
            );
          return { kind: "INTERVAL_YEAR_MONTH", nullable: true };
        }
        return { kind: "INTERVAL_DAY_TIME", nullable: true };
      }
      case "RAW":
        throw new ParseError("RAW types are not supported by Tributary", t.span);
      default:
        throw this.unexpected();
    }
  }

  private parseTimeUnit(): A.TimeUnit {
    this.expect("a time unit (YEAR, MONTH, DAY, HOUR, MINUTE, SECOND)");
    const t = this.tok;
    if (t.kind === "ident" && TIME_UNITS.has(t.upper)) {
      this.advance();
      if (this.acceptOp("(")) {
        this.parseUnsignedInt("a precision");
        if (this.acceptOp(",")) this.parseUnsignedInt("a precision");
        this.expectOp(")");
      }
      return t.upper as A.TimeUnit;
    }
    throw this.unexpected();
  }

  // ------------------------------------------------------------------------------------------
  // Queries

  parseQuery(): A.QueryExpr {
    const start = this.tok;
    let left = this.parseQueryTerm();
    while (this.isKw("UNION") || this.isKw("INTERSECT") || this.isKw("EXCEPT")) {
      const op = this.tok;
      if (op.upper !== "UNION")
        throw new ParseError(`${op.upper} is not supported by Tributary; use UNION ALL`, op.span);
      this.advance();
      const all = !!this.acceptKw("ALL");
      if (!all) this.acceptKw("DISTINCT");
      const right = this.parseQueryTerm();
      left = { kind: "Union", all, left, right, span: this.from(start) };
    }
    if (this.isKw("ORDER") || this.isKw("LIMIT")) {
      throw new ParseError(
        `${this.tok.upper} is not supported by Tributary's streaming jobs (Flink only sorts on a time attribute)`,
        this.tok.span,
      );
    }
    return left;
  }

  private parseQueryTerm(): A.QueryExpr {
    if (this.isOp("(")) {
      this.advance();
      const q = this.nested(() => this.parseQuery());
      this.expectOp(")");
      return q;
    }
    if (this.isKw("VALUES")) return this.parseValues();
    if (this.isKw("SELECT")) return this.parseSelect();
    throw this.unexpected();
  }

  private parseValues(): A.ValuesQuery {
    const start = this.expectKw("VALUES");
    const rows: A.ValuesQuery["rows"] = [];
    do {
      const rs = this.tok;
      if (this.acceptKw("ROW")) {
        /* ROW(…) is the same as (…) in VALUES */
      }
      this.expectOp("(");
      const values = [this.parseExpr()];
      while (this.acceptOp(",")) values.push(this.parseExpr());
      this.expectOp(")");
      rows.push({ values, span: this.from(rs) });
    } while (this.acceptOp(","));
    return { kind: "Values", rows, span: this.from(start) };
  }

  private parseSelect(): A.SelectQuery {
    const start = this.expectKw("SELECT");
    let distinct = false;
    if (this.acceptKw("DISTINCT")) distinct = true;
    else this.acceptKw("ALL");
    const items: A.SelectItem[] = [this.parseSelectItem()];
    while (this.acceptOp(",")) items.push(this.parseSelectItem());
    let from: A.FromItem | undefined;
    if (this.acceptKw("FROM")) from = this.parseJoins();
    const where = this.acceptKw("WHERE") ? this.parseExpr() : undefined;
    let groupBy: A.Expr[] | undefined;
    let groupingSets: number[][] | undefined;
    if (this.acceptKw("GROUP")) {
      this.expectKw("BY");
      ({ groupBy, groupingSets } = this.parseGroupBy());
    }
    const having = this.acceptKw("HAVING") ? this.parseExpr() : undefined;
    if (this.acceptKw("WINDOW")) this.resolveNamedWindows(items);
    return {
      kind: "Select",
      distinct,
      items,
      from,
      where,
      groupBy,
      ...(groupingSets ? { groupingSets } : {}),
      having,
      span: this.from(start),
    };
  }

  /**
   * GROUP BY e, … with GROUPING SETS (…), ROLLUP (…), CUBE (…) and () as Calcite expands them:
   * the distinct expressions in order of appearance, and (when any of those forms is used) the
   * grouping sets as indexes into them — the cross product of the list's elements.
   */
  private parseGroupBy(): { groupBy: A.Expr[]; groupingSets?: number[][] } {
    const exprs: A.Expr[] = [];
    const keys: string[] = [];
    const indexOf = (e: A.Expr): number => {
      const k = JSON.stringify(e, (key, v) =>
        key === "span" || key === "nameSpan" ? undefined : v,
      );
      let i = keys.indexOf(k);
      if (i < 0) {
        i = keys.push(k) - 1;
        exprs.push(e);
      }
      return i;
    };
    let sets = false;
    // One element's sets: `e` is [[e]], `()` is [[]], ROLLUP (a, b) is [[a, b], [a], []], …
    const element = (): number[][] => {
      if (this.isKw("GROUPING") && this.isKw("SETS", 1)) {
        this.advance();
        this.advance();
        sets = true;
        this.expectOp("(");
        const out: number[][] = [];
        do out.push(...element());
        while (this.acceptOp(","));
        this.expectOp(")");
        return out;
      }
      if ((this.isKw("ROLLUP") || this.isKw("CUBE")) && this.isOp("(", 1)) {
        const cube = this.advance().upper === "CUBE";
        sets = true;
        this.expectOp("(");
        const parts: number[][] = [];
        do parts.push(columns());
        while (this.acceptOp(","));
        this.expectOp(")");
        if (!cube) return parts.map((_, n) => parts.slice(0, parts.length - n).flat()).concat([[]]);
        const out: number[][] = [];
        for (let mask = (1 << parts.length) - 1; mask >= 0; mask--)
          out.push(parts.filter((_, i) => mask & (1 << (parts.length - 1 - i))).flat());
        return out;
      }
      if (this.isOp("(") && this.isOp(")", 1)) {
        this.advance();
        this.advance();
        sets = true;
        return [[]];
      }
      return [columns()];
    };
    // `e` or a parenthesised `(e, …)` (one set of several columns).
    const columns = (): number[] => {
      if (this.isOp("(") && sets) {
        this.advance();
        const out: number[] = [];
        if (!this.isOp(")"))
          do out.push(indexOf(this.parseExpr()));
          while (this.acceptOp(","));
        this.expectOp(")");
        return out;
      }
      return [indexOf(this.parseExpr())];
    };
    let product: number[][] = [[]];
    do {
      const el = element();
      product = product.flatMap((p) => el.map((e) => [...new Set([...p, ...e])]));
    } while (this.acceptOp(","));
    return sets ? { groupBy: exprs, groupingSets: product } : { groupBy: exprs };
  }

  private parseSelectItem(): A.SelectItem {
    const start = this.tok;
    if (this.isOp("*")) {
      this.advance();
      return { kind: "Star", span: start.span };
    }
    if (this.isIdentifierStart() && this.isOp(".", 1) && this.isOp("*", 2)) {
      const qualifier = this.parseIdentifier();
      this.advance();
      this.advance();
      return { kind: "Star", qualifier, span: this.from(start) };
    }
    const expr = this.parseExpr();
    const alias = this.parseOptionalAlias();
    return { kind: "Item", expr, alias, span: this.from(start) };
  }

  private parseOptionalAlias(): A.Identifier | undefined {
    if (this.acceptKw("AS")) return this.parseIdentifier();
    this.expect("an identifier");
    if (this.isIdentifierStart()) return this.parseIdentifier();
    return undefined;
  }

  /** FROM a [, b | [INNER | LEFT | RIGHT | FULL [OUTER]] JOIN b ON … | CROSS JOIN b]…, left-deep. */
  private parseJoins(): A.FromItem {
    const start = this.tok;
    let left = this.parseFromItem();
    for (;;) {
      let joinType: A.JoinType | undefined;
      let cross = false;
      const natural = !!(this.isKw("NATURAL") && this.advance());
      if (!natural && this.acceptOp(",")) cross = true;
      else if (!natural && this.acceptKw("CROSS")) {
        this.expectKw("JOIN");
        cross = true;
      } else if (this.acceptKw("JOIN") || (this.acceptKw("INNER") && this.expectKw("JOIN"))) {
        joinType = "INNER";
      } else {
        const side = (["LEFT", "RIGHT", "FULL"] as const).find((k) => this.isKw(k));
        if (!side) return left;
        this.advance();
        this.acceptKw("OUTER");
        this.expectKw("JOIN");
        joinType = side;
      }
      const right = this.parseFromItem();
      let on: A.Expr | undefined;
      let using: A.Identifier[] | undefined;
      if (!cross && !natural) {
        if (this.acceptKw("USING")) {
          this.expectOp("(");
          using = [this.parseIdentifier()];
          while (this.acceptOp(",")) using.push(this.parseIdentifier());
          this.expectOp(")");
        } else {
          this.expectKw("ON");
          on = this.parseExpr();
        }
      }
      left = {
        kind: "Join",
        joinType: joinType ?? "INNER",
        left,
        right,
        on,
        ...(using ? { using } : {}),
        ...(natural ? { natural } : {}),
        span: this.from(start),
      };
    }
  }

  private parseFromItem(): A.FromItem {
    const start = this.tok;
    if (this.isKw("UNNEST") && this.isOp("(", 1)) {
      this.advance();
      this.advance();
      const expr = this.parseExpr();
      this.expectOp(")");
      if (this.isKw("WITH") && this.isKw("ORDINALITY", 1))
        throw new ParseError(
          "UNNEST … WITH ORDINALITY is not supported by Tributary",
          this.tok.span,
        );
      const alias = this.parseOptionalAlias();
      let columnAliases: A.Identifier[] | undefined;
      if (alias && this.acceptOp("(")) {
        columnAliases = [this.parseIdentifier()];
        while (this.acceptOp(",")) columnAliases.push(this.parseIdentifier());
        this.expectOp(")");
      }
      return { kind: "Unnest", expr, alias, columnAliases, span: this.from(start) };
    }
    if (this.isKw("TABLE") && this.isOp("(", 1)) {
      this.advance();
      this.advance();
      const fnTok = this.tok;
      if (!(fnTok.kind === "ident" && ["TUMBLE", "HOP", "CUMULATE"].includes(fnTok.upper))) {
        this.expect('"TUMBLE"');
        this.expect('"HOP"');
        this.expect('"CUMULATE"');
        throw this.unexpected(
          "(Tributary supports the window table functions TUMBLE, HOP and CUMULATE)",
        );
      }
      this.advance();
      this.expectOp("(");
      let table: A.TableRef | undefined;
      let descriptor: A.Identifier | undefined;
      const args: A.Expr[] = [];
      let i = 0;
      do {
        // Named arguments: DATA => TABLE t, TIMECOL => DESCRIPTOR(ts), SIZE => INTERVAL …
        if (this.tok.kind === "ident" && this.isOp("=>", 1)) {
          this.advance();
          this.advance();
        }
        if (this.isKw("TABLE")) {
          const ts = this.advance();
          const name = this.parseQualifiedName();
          table = { kind: "TableRef", name, span: this.from(ts) };
        } else if (this.isKw("DESCRIPTOR")) {
          this.advance();
          this.expectOp("(");
          descriptor = this.parseIdentifier();
          this.expectOp(")");
        } else {
          args.push(this.parseExpr());
        }
        i++;
      } while (this.acceptOp(","));
      this.expectOp(")");
      this.expectOp(")");
      if (!table)
        throw new ParseError(
          `${fnTok.upper} needs its table as the first argument: TABLE <name>`,
          this.from(fnTok),
        );
      if (!descriptor)
        throw new ParseError(
          `${fnTok.upper} needs the time column as DESCRIPTOR(<column>)`,
          this.from(fnTok),
        );
      void i;
      const alias = this.parseOptionalAlias();
      return {
        kind: "WindowTvf",
        fn: fnTok.upper as A.WindowTvfRef["fn"],
        fnSpan: fnTok.span,
        table,
        descriptor,
        args,
        alias,
        span: this.from(start),
      };
    }
    if (this.isOp("(")) {
      this.advance();
      const query = this.parseQuery();
      this.expectOp(")");
      const alias = this.parseOptionalAlias();
      return { kind: "Subquery", query, alias, span: this.from(start) };
    }
    const name = this.parseQualifiedName();
    const alias = this.parseOptionalAlias();
    return { kind: "TableRef", name, alias, span: this.from(start) };
  }

  // ------------------------------------------------------------------------------------------
  // Expressions (precedence as in Calcite: OR < AND < NOT < comparison < + - < * / % || < unary)

  parseExpr(): A.Expr {
    return this.nested(() => this.parseOr());
  }

  private binary(op: A.BinaryOp, left: A.Expr, right: A.Expr, opTok: Token): A.BinaryExpr {
    return {
      kind: "Binary",
      op,
      left,
      right,
      opSpan: opTok.span,
      span: spanOf(left.span, right.span),
    };
  }

  private parseOr(): A.Expr {
    let left = this.parseAnd();
    while (this.isKw("OR")) {
      const op = this.advance();
      left = this.binary("OR", left, this.parseAnd(), op);
    }
    return left;
  }

  private parseAnd(): A.Expr {
    let left = this.parseNot();
    while (this.isKw("AND")) {
      const op = this.advance();
      left = this.binary("AND", left, this.parseNot(), op);
    }
    return left;
  }

  private parseNot(): A.Expr {
    if (this.isKw("NOT")) {
      const t = this.advance();
      const operand = this.nested(() => this.parseNot());
      return { kind: "Unary", op: "NOT", operand, span: spanOf(t.span, operand.span) };
    }
    return this.parseComparison();
  }

  private parseComparison(): A.Expr {
    let left = this.parseAdditive();
    for (;;) {
      const t = this.tok;
      const cmp = ["=", "<>", "!=", "<", "<=", ">", ">="].find((o) => this.isOp(o));
      if (cmp) {
        this.advance();
        const op = (cmp === "!=" ? "<>" : cmp) as A.BinaryOp;
        left = this.binary(op, left, this.parseAdditive(), t);
        continue;
      }
      if (this.isKw("IS")) {
        this.advance();
        const negated = !!this.acceptKw("NOT");
        const testTok = this.tok;
        if (this.acceptKw("JSON")) {
          // `x IS [NOT] JSON [VALUE | SCALAR | ARRAY | OBJECT]` as the IS_JSON function.
          const typeTok = this.tok;
          const jsonType =
            (["VALUE", "SCALAR", "ARRAY", "OBJECT"] as const).find((w) => this.isKw(w)) ?? "VALUE";
          if (this.isKw(jsonType)) this.advance();
          const call: A.CallExpr = {
            kind: "Call",
            name: "IS_JSON",
            nameSpan: testTok.span,
            args: [left, { kind: "String", value: jsonType, span: typeTok.span }],
            distinct: false,
            span: spanOf(left.span, this.prev.span),
          };
          left = negated ? { kind: "Unary", op: "NOT", operand: call, span: call.span } : call;
          continue;
        }
        const test = (["NULL", "TRUE", "FALSE", "UNKNOWN"] as const).find((w) => this.isKw(w));
        if (!test) throw this.unexpected();
        this.advance();
        left = { kind: "Is", negated, test, operand: left, span: spanOf(left.span, testTok.span) };
        continue;
      }
      let negated = false;
      if (
        this.isKw("NOT") &&
        (this.isKw("BETWEEN", 1) || this.isKw("IN", 1) || this.isKw("LIKE", 1))
      ) {
        this.advance();
        negated = true;
      }
      if (this.acceptKw("BETWEEN")) {
        let symmetric = false;
        if (this.acceptKw("SYMMETRIC")) symmetric = true;
        else this.acceptKw("ASYMMETRIC");
        const low = this.parseAdditive();
        this.expectKw("AND");
        const high = this.parseAdditive();
        left = {
          kind: "Between",
          negated,
          symmetric,
          operand: left,
          low,
          high,
          span: spanOf(left.span, high.span),
        };
        continue;
      }
      if (this.acceptKw("IN")) {
        this.expectOp("(");
        if (this.isKw("SELECT"))
          throw new ParseError(
            "IN (SELECT …) subqueries are not supported by Tributary",
            this.tok.span,
          );
        const list = [this.parseExpr()];
        while (this.acceptOp(",")) list.push(this.parseExpr());
        this.expectOp(")");
        left = { kind: "InList", negated, operand: left, list, span: this.from(left.span) };
        continue;
      }
      if (this.acceptKw("LIKE")) {
        const pattern = this.parseAdditive();
        const escape = this.acceptKw("ESCAPE") ? this.parseAdditive() : undefined;
        left = {
          kind: "Like",
          negated,
          operand: left,
          pattern,
          escape,
          span: this.from(left.span),
        };
        continue;
      }
      if (negated) throw this.unexpected();
      return left;
    }
  }

  private parseAdditive(): A.Expr {
    let left = this.parseMultiplicative();
    for (;;) {
      const op = this.isOp("+") ? "+" : this.isOp("-") ? "-" : null;
      if (!op) return left;
      const t = this.advance();
      left = this.binary(op, left, this.parseMultiplicative(), t);
    }
  }

  private parseMultiplicative(): A.Expr {
    let left = this.parseUnary();
    for (;;) {
      const op = (["*", "/", "%", "||"] as const).find((o) => this.isOp(o));
      if (!op) return left;
      const t = this.advance();
      left = this.binary(op, left, this.parseUnary(), t);
    }
  }

  private parseUnary(): A.Expr {
    if (this.isOp("-") || this.isOp("+")) {
      const t = this.advance();
      const operand = this.nested(() => this.parseUnary());
      // Fold a sign into a numeric literal, as Calcite does, so -2147483648 stays an INT.
      if (operand.kind === "Number" && t.value === "-") {
        return { ...operand, text: "-" + operand.text, span: spanOf(t.span, operand.span) };
      }
      return {
        kind: "Unary",
        op: t.value as "-" | "+",
        operand,
        span: spanOf(t.span, operand.span),
      };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  private parsePostfix(expr: A.Expr): A.Expr {
    for (;;) {
      if (this.isOp("[")) {
        this.advance();
        const index = this.parseExpr();
        this.expectOp("]");
        expr = { kind: "Index", operand: expr, index, span: this.from(expr.span) };
      } else if (this.isOp(".") && expr.kind !== "Column") {
        this.advance();
        const field = this.parseIdentifier();
        expr = { kind: "FieldAccess", operand: expr, field, span: spanOf(expr.span, field.span) };
      } else return expr;
    }
  }

  private parsePrimary(): A.Expr {
    const t = this.tok;
    this.expect("an expression");
    switch (t.kind) {
      case "int":
      case "decimal":
      case "approx":
        this.advance();
        return {
          kind: "Number",
          text: t.value,
          form: t.kind === "int" ? "int" : t.kind,
          span: t.span,
        };
      case "string":
      case "ustring": {
        this.advance();
        let value = t.value;
        let span = t.span;
        // Calcite joins adjacent string literals ('a' 'b' = 'ab').
        while (this.tok.kind === "string") {
          value += this.tok.value;
          span = spanOf(span, this.advance().span);
        }
        return { kind: "String", value, span };
      }
      case "binary":
        this.advance();
        return { kind: "Bytes", hex: t.value, span: t.span };
      case "qident":
        return this.parseColumnRef();
      case "op":
        if (t.value === "(") {
          this.advance();
          if (this.isKw("SELECT"))
            throw new ParseError(
              "Subqueries in expressions are not supported by Tributary",
              this.tok.span,
            );
          const inner = this.parseExpr();
          if (this.isOp(",")) {
            // (a, b) is an implicit ROW constructor in Calcite.
            const args = [inner];
            while (this.acceptOp(",")) args.push(this.parseExpr());
            this.expectOp(")");
            return { kind: "Constructor", ctor: "ROW", args, span: this.from(t) };
          }
          this.expectOp(")");
          const grouped = { ...inner, span: this.from(t) } as A.Expr;
          if (this.isOp(".") && grouped.kind === "Column") {
            // (col).field: a field of a parenthesised column reference.
            this.advance();
            const field = this.parseIdentifier();
            return {
              kind: "FieldAccess",
              operand: grouped,
              field,
              span: spanOf(grouped.span, field.span),
            };
          }
          return grouped;
        }
        throw this.unexpected();
      case "ident":
        return this.parseKeywordOrName(t);
      default:
        throw this.unexpected();
    }
  }

  private parseKeywordOrName(t: Token): A.Expr {
    const w = t.upper;
    const next = this.peekTok();
    const nextIsString = next.kind === "string";
    switch (w) {
      case "TRUE":
      case "FALSE":
        this.advance();
        return { kind: "Boolean", value: w === "TRUE", span: t.span };
      case "NULL":
        this.advance();
        return { kind: "Null", span: t.span };
      case "UNKNOWN":
        this.advance();
        return { kind: "Null", span: t.span };
      case "INTERVAL":
        return this.parseIntervalLiteral();
      case "DATE":
      case "TIME":
      case "TIMESTAMP":
      case "TIMESTAMP_LTZ":
        if (nextIsString) {
          this.advance();
          const v = this.advance();
          return { kind: "TypedLiteral", type: w, value: v.value, span: this.from(t) };
        }
        break;
      case "CAST":
      case "TRY_CAST":
        if (next.kind === "op" && next.value === "(") {
          this.advance();
          this.advance();
          const operand = this.parseExpr();
          this.expectKw("AS");
          const target = this.parseDataType();
          this.expectOp(")");
          return { kind: "Cast", tryCast: w === "TRY_CAST", operand, target, span: this.from(t) };
        }
        break;
      case "CASE":
        return this.parseCase();
      case "ROW":
        if (next.kind === "op" && next.value === "(") {
          this.advance();
          return {
            kind: "Constructor",
            ctor: "ROW",
            args: this.parseArgList("(", ")"),
            span: this.from(t),
          };
        }
        break;
      case "ARRAY":
      case "MAP":
        if (next.kind === "op" && next.value === "[") {
          this.advance();
          const args = this.parseArgList("[", "]");
          const node: A.ConstructorExpr = {
            kind: "Constructor",
            ctor: w,
            args,
            span: this.from(t),
          };
          if (w === "MAP" && args.length % 2 !== 0)
            this.error(
              "MAP[…] needs an even number of arguments: key, value, key, value, …",
              node.span,
            );
          return node;
        }
        break;
      case "TRIM":
        if (next.kind === "op" && next.value === "(") return this.parseTrim();
        break;
      case "EXTRACT":
        if (next.kind === "op" && next.value === "(") {
          this.advance();
          this.advance();
          const unit = this.parseUnitArg(EXTRACT_UNITS);
          this.expectKw("FROM");
          const operand = this.parseExpr();
          this.expectOp(")");
          return this.callNode("EXTRACT", t, [unit, operand]);
        }
        break;
      case "TIMESTAMPADD":
      case "TIMESTAMPDIFF":
        if (next.kind === "op" && next.value === "(") {
          this.advance();
          this.advance();
          const args: A.Expr[] = [this.parseUnitArg(TIMESTAMP_UNITS)];
          this.expectOp(",");
          args.push(this.parseExpr());
          this.expectOp(",");
          args.push(this.parseExpr());
          this.expectOp(")");
          return this.callNode(w, t, args);
        }
        break;
      case "FLOOR":
      case "CEIL":
      case "CEILING":
        if (next.kind === "op" && next.value === "(") {
          this.advance();
          this.advance();
          const operand = this.parseExpr();
          if (this.acceptKw("TO")) {
            const unit = this.parseUnitArg(TIMESTAMP_UNITS);
            this.expectOp(")");
            return this.callNode(w === "FLOOR" ? "FLOOR_TO" : "CEIL_TO", t, [operand, unit]);
          }
          this.expectOp(")");
          return this.callNode(w, t, [operand]);
        }
        break;
      case "JSON_OBJECT":
      case "JSON_ARRAY":
      case "JSON_OBJECTAGG":
      case "JSON_ARRAYAGG":
        if (next.kind === "op" && next.value === "(") return this.parseJsonConstructor(t);
        break;
      case "SUBSTRING":
      case "SUBSTR":
        if (next.kind === "op" && next.value === "(") return this.parseSubstring();
        break;
      case "OVERLAY":
        if (next.kind === "op" && next.value === "(") {
          this.advance();
          this.advance();
          const args: A.Expr[] = [this.parseExpr()];
          this.expectKw("PLACING");
          args.push(this.parseExpr());
          this.expectKw("FROM");
          args.push(this.parseExpr());
          if (this.acceptKw("FOR")) args.push(this.parseExpr());
          this.expectOp(")");
          return this.callNode("OVERLAY", t, args);
        }
        break;
      case "POSITION":
        if (next.kind === "op" && next.value === "(") {
          this.advance();
          this.advance();
          const needle = this.parseAdditive();
          this.expectKw("IN");
          const hay = this.parseAdditive();
          this.expectOp(")");
          return {
            kind: "Call",
            name: "POSITION",
            nameSpan: t.span,
            args: [needle, hay],
            distinct: false,
            span: this.from(t),
          };
        }
        break;
      default:
        if (NILADIC.has(w) && !(next.kind === "op" && next.value === "(")) {
          this.advance();
          return {
            kind: "Call",
            name: w,
            nameSpan: t.span,
            args: [],
            distinct: false,
            niladic: true,
            span: t.span,
          };
        }
    }
    if (
      next.kind === "op" &&
      next.value === "(" &&
      (!RESERVED.has(w) || RESERVED_FUNCTIONS.has(w))
    ) {
      return this.parseCall();
    }
    return this.parseColumnRef();
  }

  /**
   * `WINDOW w AS (…), …` after HAVING: each `OVER w` of the SELECT's items takes that window
   * (Calcite: "Window 'w' not found" for a name the clause lacks).
   */
  private resolveNamedWindows(items: A.SelectItem[]): void {
    const windows = new Map<string, A.OverSpec>();
    do {
      const name = this.parseIdentifier();
      this.expectKw("AS");
      windows.set(name.value, this.parseWindowSpec(this.tok));
    } while (this.acceptOp(","));
    for (const item of items) {
      if (item.kind !== "Item" || item.expr.kind !== "Call" || !item.expr.over?.ref) continue;
      const ref = item.expr.over.ref;
      const spec = windows.get(ref.value);
      if (!spec) throw new ParseError(`Window '${ref.value}' not found`, ref.span);
      item.expr.over = { ...spec, span: item.expr.over.span };
    }
  }

  /** OVER (…) or OVER w, a window the SELECT's WINDOW clause names. */
  private parseOver(): A.OverSpec {
    const start = this.expectKw("OVER");
    if (this.tok.kind === "ident" && !this.isOp("(")) {
      const ref = this.parseIdentifier();
      return { partitionBy: [], orderBy: [], ref, span: this.from(start) };
    }
    return this.parseWindowSpec(start);
  }

  /** ([PARTITION BY e, …] [ORDER BY e [ASC | DESC], …] [ROWS | RANGE frame]). */
  private parseWindowSpec(start: Token): A.OverSpec {
    this.expectOp("(");
    const partitionBy: A.Expr[] = [];
    const orderBy: A.OverSpec["orderBy"] = [];
    if (this.acceptKw("PARTITION")) {
      this.expectKw("BY");
      do partitionBy.push(this.parseExpr());
      while (this.acceptOp(","));
    }
    if (this.acceptKw("ORDER")) {
      this.expectKw("BY");
      do {
        const expr = this.parseExpr();
        const desc = !!this.acceptKw("DESC");
        if (!desc) this.acceptKw("ASC");
        orderBy.push({ expr, desc });
      } while (this.acceptOp(","));
    }
    let frame: A.OverFrame | undefined;
    if (this.isKw("ROWS") || this.isKw("RANGE")) {
      const kw = this.advance();
      let lower: A.FrameBound;
      let upper: A.FrameBound;
      if (this.acceptKw("BETWEEN")) {
        lower = this.parseFrameBound();
        this.expectKw("AND");
        upper = this.parseFrameBound();
      } else {
        // `ROWS n PRECEDING` is short for `ROWS BETWEEN n PRECEDING AND CURRENT ROW`.
        lower = this.parseFrameBound();
        upper = { kind: "CURRENT ROW", span: lower.span };
      }
      frame = { rows: kw.upper === "ROWS", lower, upper, span: this.from(kw) };
    }
    this.expectOp(")");
    return { partitionBy, orderBy, ...(frame ? { frame } : {}), span: this.from(start) };
  }

  /** UNBOUNDED PRECEDING | n PRECEDING | CURRENT ROW | n FOLLOWING | UNBOUNDED FOLLOWING. */
  private parseFrameBound(): A.FrameBound {
    const start = this.tok;
    if (this.acceptKw("UNBOUNDED")) {
      if (this.acceptKw("PRECEDING"))
        return { kind: "UNBOUNDED PRECEDING", span: this.from(start) };
      this.expectKw("FOLLOWING");
      return { kind: "UNBOUNDED FOLLOWING", span: this.from(start) };
    }
    if (this.acceptKw("CURRENT")) {
      this.expectKw("ROW");
      return { kind: "CURRENT ROW", span: this.from(start) };
    }
    const offset = this.parseAdditive();
    if (this.acceptKw("PRECEDING")) return { kind: "PRECEDING", offset, span: this.from(start) };
    this.expectKw("FOLLOWING");
    return { kind: "FOLLOWING", offset, span: this.from(start) };
  }

  private parseArgList(open: string, close: string): A.Expr[] {
    this.expectOp(open);
    const args: A.Expr[] = [];
    if (this.acceptOp(close)) return args;
    args.push(this.parseExpr());
    while (this.acceptOp(",")) args.push(this.parseExpr());
    this.expectOp(close);
    return args;
  }

  private parseCall(): A.CallExpr {
    const nameTok = this.advance();
    this.expectOp("(");
    const args: A.Expr[] = [];
    let distinct = false;
    if (this.isOp("*")) {
      const s = this.advance();
      args.push({ kind: "StarArg", span: s.span });
      this.expectOp(")");
    } else if (!this.acceptOp(")")) {
      if (this.acceptKw("DISTINCT")) distinct = true;
      else this.acceptKw("ALL");
      args.push(this.parseExpr());
      while (this.acceptOp(",")) args.push(this.parseExpr());
      this.expectOp(")");
    }
    const over = this.isKw("OVER") ? this.parseOver() : undefined;
    return {
      kind: "Call",
      name: nameTok.upper,
      nameSpan: nameTok.span,
      args,
      distinct,
      ...(over ? { over } : {}),
      span: this.from(nameTok),
    };
  }

  private callNode(name: string, nameTok: Token, args: A.Expr[]): A.CallExpr {
    return {
      kind: "Call",
      name,
      nameSpan: nameTok.span,
      args,
      distinct: false,
      span: this.from(nameTok),
    };
  }

  /** A time unit keyword (HOUR, DAY, …), carried to the function as its name in a string. */
  private parseUnitArg(allowed: readonly string[]): A.StringLiteral {
    this.expect("a time unit");
    const t = this.tok;
    if (t.kind === "ident" && allowed.includes(t.upper)) {
      this.advance();
      return { kind: "String", value: t.upper, span: t.span };
    }
    throw this.unexpected();
  }

  /**
   * JSON_OBJECT([KEY] k VALUE v, … [NULL | ABSENT ON NULL]) and JSON_ARRAY(v, … [… ON NULL]);
   * the ON NULL behaviour (NULL ON NULL for objects, ABSENT ON NULL for arrays by default) is
   * passed first, as a string.
   */
  private parseJsonConstructor(nameTok: Token): A.CallExpr {
    const isObject = nameTok.upper === "JSON_OBJECT" || nameTok.upper === "JSON_OBJECTAGG";
    this.advance();
    this.expectOp("(");
    const args: A.Expr[] = [];
    let onNull = isObject ? "NULL" : "ABSENT";
    const onNullClause = () => {
      if ((this.isKw("NULL") || this.isKw("ABSENT")) && this.isKw("ON", 1)) {
        onNull = this.advance().upper;
        this.advance();
        this.expectKw("NULL");
        return true;
      }
      return false;
    };
    if (!this.isOp(")") && !onNullClause()) {
      do {
        if (isObject) {
          this.acceptKw("KEY");
          args.push(this.parseExpr());
          this.expectKw("VALUE");
        }
        args.push(this.parseExpr());
      } while (this.acceptOp(","));
      onNullClause();
    }
    this.expectOp(")");
    const mode: A.StringLiteral = { kind: "String", value: onNull, span: nameTok.span };
    return this.callNode(nameTok.upper, nameTok, [mode, ...args]);
  }

  private parseTrim(): A.CallExpr {
    const nameTok = this.advance();
    this.expectOp("(");
    let trimMode: A.CallExpr["trimMode"];
    const mode = (["BOTH", "LEADING", "TRAILING"] as const).find((m) => this.isKw(m));
    if (mode) {
      this.advance();
      trimMode = mode;
    }
    let chars: A.Expr | undefined;
    let source: A.Expr;
    if (this.acceptKw("FROM")) {
      source = this.parseExpr();
    } else {
      const first = this.parseExpr();
      if (this.acceptKw("FROM")) {
        chars = first;
        source = this.parseExpr();
      } else {
        if (trimMode) {
          this.expect('"FROM"');
          throw this.unexpected();
        }
        source = first;
      }
    }
    this.expectOp(")");
    const args = chars ? [source, chars] : [source];
    return {
      kind: "Call",
      name: "TRIM",
      nameSpan: nameTok.span,
      args,
      distinct: false,
      trimMode: trimMode ?? "BOTH",
      span: this.from(nameTok),
    };
  }

  private parseSubstring(): A.CallExpr {
    const nameTok = this.advance();
    this.expectOp("(");
    const args = [this.parseExpr()];
    if (this.acceptKw("FROM")) {
      args.push(this.parseExpr());
      if (this.acceptKw("FOR")) args.push(this.parseExpr());
    } else {
      while (this.acceptOp(",")) args.push(this.parseExpr());
    }
    this.expectOp(")");
    return {
      kind: "Call",
      name: nameTok.upper,
      nameSpan: nameTok.span,
      args,
      distinct: false,
      span: this.from(nameTok),
    };
  }

  private parseCase(): A.CaseExpr {
    const start = this.expectKw("CASE");
    const operand = this.isKw("WHEN") ? undefined : this.parseExpr();
    const whens: A.CaseExpr["whens"] = [];
    while (this.acceptKw("WHEN")) {
      const when = this.parseExpr();
      this.expectKw("THEN");
      whens.push({ when, then: this.parseExpr() });
    }
    if (whens.length === 0) {
      this.expect('"WHEN"');
      throw this.unexpected();
    }
    const elseExpr = this.acceptKw("ELSE") ? this.parseExpr() : undefined;
    this.expectKw("END");
    return { kind: "Case", operand, whens, elseExpr, span: this.from(start) };
  }

  private parseIntervalLiteral(): A.IntervalLiteral {
    const start = this.expectKw("INTERVAL");
    let negative = false;
    if (this.acceptOp("-")) negative = true;
    else this.acceptOp("+");
    const vt = this.tok;
    let value: string;
    if (vt.kind === "string") value = vt.value;
    else if (vt.kind === "int" || vt.kind === "decimal")
      value = vt.value; // INTERVAL 5 MINUTE is lenient Flink syntax
    else {
      this.expect("a quoted interval value such as '5'");
      throw this.unexpected();
    }
    this.advance();
    const unit = this.parseTimeUnit();
    let toUnit: A.TimeUnit | undefined;
    if (this.acceptKw("TO")) toUnit = this.parseTimeUnit();
    return {
      kind: "Interval",
      negative,
      value,
      valueSpan: vt.span,
      unit,
      toUnit,
      span: this.from(start),
    };
  }

  private parseColumnRef(): A.ColumnRef {
    const first = this.parseIdentifier();
    const names = [first];
    while (this.isOp(".") && !this.isOp("*", 1)) {
      this.advance();
      names.push(this.parseIdentifier());
    }
    return { kind: "Column", names, span: spanOf(first.span, names[names.length - 1].span) };
  }
}

/** Exposed for tests and for the typecheck of standalone type strings. */
export function parseDataTypeText(text: string): { type?: LogicalType; diagnostics: Diagnostic[] } {
  const { tokens, errors } = tokenize(text);
  const diagnostics: Diagnostic[] = errors.map((e) => diagnostic("error", e.message, e.span));
  const p = new Parser(tokens, diagnostics);
  try {
    const t = p.parseDataType();
    return { type: t.type, diagnostics };
  } catch (e) {
    if (e instanceof ParseError) diagnostics.push(diagnostic("error", e.message, e.span));
    else throw e;
    return { diagnostics };
  }
}

export { MAX_LENGTH };
