/**
 * The typed syntax tree of a Flink SQL script. Every node carries the span of the source text it
 * was parsed from, so later phases (name resolution, type checking, connector validation) can
 * point diagnostics at the culprit.
 */
import type { SourceSpan } from "@/lib/sql/diagnostic";
import type { LogicalType } from "@/lib/types/logical-type";

export interface Identifier {
  kind: "Identifier";
  /** As written (backquotes removed, `` unescaped); Flink compares identifiers case-sensitively. */
  value: string;
  quoted: boolean;
  span: SourceSpan;
}

/** `[catalog.][database.]object` */
export interface QualifiedName {
  kind: "QualifiedName";
  parts: Identifier[];
  span: SourceSpan;
}

export interface StringLiteralNode {
  value: string;
  span: SourceSpan;
}

export interface DataTypeNode {
  kind: "DataType";
  type: LogicalType;
  span: SourceSpan;
}

// ---------------------------------------------------------------------------------------------
// Expressions

export type TimeUnit = "YEAR" | "MONTH" | "DAY" | "HOUR" | "MINUTE" | "SECOND" | "MILLISECOND";

export type Expr =
  | NumberLiteral
  | StringLiteral
  | BinaryLiteral
  | BooleanLiteral
  | NullLiteral
  | IntervalLiteral
  | TypedLiteral
  | ColumnRef
  | StarArg
  | UnaryExpr
  | BinaryExpr
  | IsExpr
  | BetweenExpr
  | InListExpr
  | LikeExpr
  | CastExpr
  | CaseExpr
  | CallExpr
  | ConstructorExpr
  | FieldAccessExpr
  | IndexExpr;

export interface NumberLiteral {
  kind: "Number";
  /** The literal as written, e.g. `42`, `4.20`, `1.5E3`. */
  text: string;
  form: "int" | "decimal" | "approx";
  span: SourceSpan;
}

export interface StringLiteral {
  kind: "String";
  value: string;
  span: SourceSpan;
}

export interface BinaryLiteral {
  kind: "Bytes";
  /** Hex digits. */
  hex: string;
  span: SourceSpan;
}

export interface BooleanLiteral {
  kind: "Boolean";
  value: boolean;
  span: SourceSpan;
}

export interface NullLiteral {
  kind: "Null";
  span: SourceSpan;
}

/** `INTERVAL '5' MINUTE`, `INTERVAL '1-2' YEAR TO MONTH`, `INTERVAL '10' SECOND(3)` */
export interface IntervalLiteral {
  kind: "Interval";
  negative: boolean;
  value: string;
  valueSpan: SourceSpan;
  unit: TimeUnit;
  toUnit?: TimeUnit;
  span: SourceSpan;
}

/** `DATE '2024-01-01'`, `TIME '12:00:00'`, `TIMESTAMP '2024-01-01 00:00:00'`, `TIMESTAMP_LTZ '…'` */
export interface TypedLiteral {
  kind: "TypedLiteral";
  type: "DATE" | "TIME" | "TIMESTAMP" | "TIMESTAMP_LTZ";
  value: string;
  span: SourceSpan;
}

/** `a`, `t.a`, `t.a.b` — which part names a table is decided by name resolution. */
export interface ColumnRef {
  kind: "Column";
  names: Identifier[];
  span: SourceSpan;
}

/** The `*` in `COUNT(*)`. */
export interface StarArg {
  kind: "StarArg";
  span: SourceSpan;
}

export interface UnaryExpr {
  kind: "Unary";
  op: "-" | "+" | "NOT";
  operand: Expr;
  span: SourceSpan;
}

export type BinaryOp =
  "+" | "-" | "*" | "/" | "%" | "||" | "=" | "<>" | "<" | "<=" | ">" | ">=" | "AND" | "OR";

export interface BinaryExpr {
  kind: "Binary";
  op: BinaryOp;
  left: Expr;
  right: Expr;
  /** The operator token, for "cannot apply" messages. */
  opSpan: SourceSpan;
  span: SourceSpan;
}

/** `x IS [NOT] NULL | TRUE | FALSE | UNKNOWN` */
export interface IsExpr {
  kind: "Is";
  negated: boolean;
  test: "NULL" | "TRUE" | "FALSE" | "UNKNOWN";
  operand: Expr;
  span: SourceSpan;
}

export interface BetweenExpr {
  kind: "Between";
  negated: boolean;
  symmetric: boolean;
  operand: Expr;
  low: Expr;
  high: Expr;
  span: SourceSpan;
}

export interface InListExpr {
  kind: "InList";
  negated: boolean;
  operand: Expr;
  list: Expr[];
  span: SourceSpan;
}

export interface LikeExpr {
  kind: "Like";
  negated: boolean;
  operand: Expr;
  pattern: Expr;
  escape?: Expr;
  span: SourceSpan;
}

export interface CastExpr {
  kind: "Cast";
  tryCast: boolean;
  operand: Expr;
  target: DataTypeNode;
  span: SourceSpan;
}

export interface CaseExpr {
  kind: "Case";
  /** Present for the simple form `CASE x WHEN 1 THEN …`. */
  operand?: Expr;
  whens: Array<{ when: Expr; then: Expr }>;
  elseExpr?: Expr;
  span: SourceSpan;
}

export interface CallExpr {
  kind: "Call";
  /** Upper-cased function name (Flink resolves built-in functions case-insensitively). */
  name: string;
  nameSpan: SourceSpan;
  args: Expr[];
  distinct: boolean;
  /** TRIM's `BOTH | LEADING | TRAILING`. */
  trimMode?: "BOTH" | "LEADING" | "TRAILING";
  /** Called without parentheses: CURRENT_TIMESTAMP, LOCALTIMESTAMP, … */
  niladic?: boolean;
  /** `OVER (PARTITION BY … ORDER BY …)`: a window function call. */
  over?: OverSpec;
  span: SourceSpan;
}

export interface OverSpec {
  partitionBy: Expr[];
  orderBy: Array<{ expr: Expr; desc: boolean }>;
  /** ROWS / RANGE BETWEEN lower AND upper; absent: SQL's default frame. */
  frame?: OverFrame;
  /** `OVER w`: until the WINDOW clause resolves it, the window's name. */
  ref?: Identifier;
  span: SourceSpan;
}

export interface OverFrame {
  rows: boolean;
  lower: FrameBound;
  upper: FrameBound;
  span: SourceSpan;
}

export interface FrameBound {
  kind: "UNBOUNDED PRECEDING" | "PRECEDING" | "CURRENT ROW" | "FOLLOWING" | "UNBOUNDED FOLLOWING";
  /** The `n` of `n PRECEDING` / `n FOLLOWING`: a row count (ROWS) or an interval (RANGE). */
  offset?: Expr;
  span: SourceSpan;
}

export interface ConstructorExpr {
  kind: "Constructor";
  ctor: "ROW" | "ARRAY" | "MAP";
  args: Expr[];
  span: SourceSpan;
}

/** `(expr).field` or a field of a ROW column reached after name resolution. */
export interface FieldAccessExpr {
  kind: "FieldAccess";
  operand: Expr;
  field: Identifier;
  span: SourceSpan;
}

/** `arr[1]`, `map['k']` */
export interface IndexExpr {
  kind: "Index";
  operand: Expr;
  index: Expr;
  span: SourceSpan;
}

// ---------------------------------------------------------------------------------------------
// Queries

export type QueryExpr = SelectQuery | ValuesQuery | UnionQuery;

export interface SelectQuery {
  kind: "Select";
  distinct: boolean;
  items: SelectItem[];
  from?: FromItem;
  where?: Expr;
  groupBy?: Expr[];
  /** GROUPING SETS / ROLLUP / CUBE: the sets, as indexes into groupBy. */
  groupingSets?: number[][];
  having?: Expr;
  span: SourceSpan;
}

export type SelectItem =
  | { kind: "Star"; qualifier?: Identifier; span: SourceSpan }
  | { kind: "Item"; expr: Expr; alias?: Identifier; span: SourceSpan };

export interface ValuesQuery {
  kind: "Values";
  rows: Array<{ values: Expr[]; span: SourceSpan }>;
  span: SourceSpan;
}

export interface UnionQuery {
  kind: "Union";
  all: boolean;
  left: QueryExpr;
  right: QueryExpr;
  span: SourceSpan;
}

export type FromItem = TableRef | SubqueryRef | WindowTvfRef | JoinRef | UnnestRef;

export type JoinType = "INNER" | "LEFT" | "RIGHT" | "FULL";

/** `a [INNER | LEFT | RIGHT | FULL [OUTER]] JOIN b ON …`, `a CROSS JOIN b`, `a, b`. */
export interface JoinRef {
  kind: "Join";
  joinType: JoinType;
  left: FromItem;
  right: FromItem;
  on?: Expr;
  /** `USING (c1, …)`: equality on these columns, each shown once. */
  using?: Identifier[];
  /** `NATURAL JOIN`: USING every column name both sides have. */
  natural?: boolean;
  span: SourceSpan;
}

/** `UNNEST(expr) [AS] alias [(c1, …)]`, the right side of `CROSS JOIN UNNEST`. */
export interface UnnestRef {
  kind: "Unnest";
  expr: Expr;
  alias?: Identifier;
  columnAliases?: Identifier[];
  span: SourceSpan;
}

export interface TableRef {
  kind: "TableRef";
  name: QualifiedName;
  alias?: Identifier;
  span: SourceSpan;
}

export interface SubqueryRef {
  kind: "Subquery";
  query: QueryExpr;
  alias?: Identifier;
  span: SourceSpan;
}

/** `TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), INTERVAL '5' MINUTE))` and HOP / CUMULATE. */
export interface WindowTvfRef {
  kind: "WindowTvf";
  fn: "TUMBLE" | "HOP" | "CUMULATE";
  fnSpan: SourceSpan;
  table: TableRef;
  descriptor: Identifier;
  /** The interval arguments (size; for HOP: slide then size; CUMULATE: step then size) and offset. */
  args: Expr[];
  alias?: Identifier;
  span: SourceSpan;
}

// ---------------------------------------------------------------------------------------------
// Statements

export type Statement =
  | CreateTableStmt
  | CreateViewStmt
  | SetStmt
  | ResetStmt
  | AddJarStmt
  | InsertStmt
  | StatementSetStmt
  | ExplainStmt
  | QueryStmt;

export type ColumnDef = PhysicalColumnDef | MetadataColumnDef | ComputedColumnDef;

export interface PhysicalColumnDef {
  kind: "physical";
  name: Identifier;
  type: DataTypeNode;
  primaryKey?: SourceSpan;
  comment?: StringLiteralNode;
  span: SourceSpan;
}

export interface MetadataColumnDef {
  kind: "metadata";
  name: Identifier;
  type: DataTypeNode;
  /** `FROM 'key'`; when absent the column name is the key. */
  key?: StringLiteralNode;
  virtual: boolean;
  comment?: StringLiteralNode;
  span: SourceSpan;
}

export interface ComputedColumnDef {
  kind: "computed";
  name: Identifier;
  expr: Expr;
  comment?: StringLiteralNode;
  span: SourceSpan;
}

export interface OptionDef {
  key: string;
  value: string;
  keySpan: SourceSpan;
  valueSpan: SourceSpan;
  span: SourceSpan;
}

export interface CreateTableStmt {
  kind: "CreateTable";
  temporary: boolean;
  ifNotExists: boolean;
  name: QualifiedName;
  columns: ColumnDef[];
  watermark?: { column: Identifier; expr: Expr; span: SourceSpan };
  primaryKey?: { columns: Identifier[]; span: SourceSpan };
  comment?: StringLiteralNode;
  partitionedBy?: Identifier[];
  options: OptionDef[];
  withSpan: SourceSpan;
  span: SourceSpan;
}

export interface CreateViewStmt {
  kind: "CreateView";
  temporary: boolean;
  ifNotExists: boolean;
  name: QualifiedName;
  columns?: Identifier[];
  comment?: StringLiteralNode;
  query: QueryExpr;
  span: SourceSpan;
}

export interface SetStmt {
  kind: "Set";
  key?: StringLiteralNode;
  value?: StringLiteralNode;
  span: SourceSpan;
}

/** ADD JAR '<path>': a local JAR the job's classes (custom partitioners) come from. */
export interface AddJarStmt {
  kind: "AddJar";
  path: StringLiteralNode;
  span: SourceSpan;
}

export interface ResetStmt {
  kind: "Reset";
  key?: StringLiteralNode;
  span: SourceSpan;
}

export interface InsertStmt {
  kind: "Insert";
  overwrite: boolean;
  target: QualifiedName;
  columns?: Identifier[];
  query: QueryExpr;
  span: SourceSpan;
}

export interface StatementSetStmt {
  kind: "StatementSet";
  form: "BEGIN" | "EXECUTE";
  inserts: InsertStmt[];
  span: SourceSpan;
}

export interface ExplainStmt {
  kind: "Explain";
  statement: InsertStmt | StatementSetStmt | QueryStmt;
  span: SourceSpan;
}

export interface QueryStmt {
  kind: "Query";
  query: QueryExpr;
  span: SourceSpan;
}

export interface ScriptAst {
  statements: Statement[];
}
