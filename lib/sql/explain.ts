/**
 * Flink-style one-line descriptions of plan nodes and expressions, as in the output of EXPLAIN
 * and in planner messages ("… which is produced by node GroupAggregate(groupBy=[a], select=[…])").
 */
import { formatDate, formatTime, formatTimestamp } from "@/lib/sql/datetime";
import { deduplication } from "@/lib/sql/changelog";
import { relInputs, type AggCall, type RelNode, type Rex, type WindowSpec } from "@/lib/sql/rel";
import {
  Decimal,
  MapValue,
  Timestamp,
  typeToString,
  type LogicalType,
  type Value,
} from "@/lib/types/logical-type";

const INFIX = new Set(["+", "-", "*", "/", "%", "||", "=", "<>", "<", "<=", ">", ">="]);

function literalString(v: Value, t: LogicalType): string {
  if (v === null) return `null:${typeToString(t)}`;
  switch (t.kind) {
    case "CHAR":
    case "VARCHAR":
      return `_UTF-16LE'${String(v).replaceAll("'", "''")}'`;
    case "DATE":
      return formatDate(v as number);
    case "TIME":
      return formatTime(v as number, t.precision);
    case "TIMESTAMP":
      return formatTimestamp(v as Timestamp, t.precision);
    case "TIMESTAMP_LTZ":
      return `${formatTimestamp(v as Timestamp, t.precision)}:TIMESTAMP_WITH_LOCAL_TIME_ZONE(${t.precision})`;
    case "INTERVAL_DAY_TIME":
      return `${String(v)}:INTERVAL DAY TO SECOND`;
    case "INTERVAL_YEAR_MONTH":
      return `${String(v)}:INTERVAL YEAR TO MONTH`;
    case "BINARY":
    case "VARBINARY":
      return `X'${[...(v as Uint8Array)].map((b) => b.toString(16).padStart(2, "0")).join("")}'`;
    case "DECIMAL":
      return (v as Decimal).toString();
    default:
      if (v instanceof MapValue)
        return `MAP[${v.entries.map(([k, x]) => `${String(k)}, ${String(x)}`).join(", ")}]`;
      return String(v);
  }
}

export function rexToString(r: Rex, names: readonly string[]): string {
  switch (r.kind) {
    case "input":
      return names[r.index] ?? `$${r.index}`;
    case "literal":
      return literalString(r.value, r.type);
    case "cast":
      return `${r.safe ? "TRY_CAST" : "CAST"}(${rexToString(r.operand, names)} AS ${typeToString(r.type)})`;
    case "field":
      return `${rexToString(r.operand, names)}.${r.name}`;
    case "call": {
      const args = r.operands.map((o) => rexToString(o, names));
      if (r.op === "ITEM") return `ITEM(${args.join(", ")})`;
      if (INFIX.has(r.op)) return `${r.op}(${args.join(", ")})`;
      if (r.op === "NEG") return `-(${args[0]})`;
      if (r.op.startsWith("IS_")) return `${r.op.replaceAll("_", " ")}(${args[0]})`;
      if (r.op === "NOT_IN") return `NOT IN(${args.join(", ")})`;
      if (r.op === "NOT_LIKE") return `NOT LIKE(${args.join(", ")})`;
      if (r.op === "NOT_BETWEEN") return `NOT BETWEEN(${args.join(", ")})`;
      if (r.op === "TRIM")
        return `TRIM(FLAG(${r.trimMode ?? "BOTH"}), ${args[1] ?? "_UTF-16LE' '"}, ${args[0]})`;
      return `${r.op}(${args.join(", ")})`;
    }
  }
}

function aggToString(a: AggCall, names: readonly string[]): string {
  const args = a.args.length === 0 ? "*" : a.args.map((i) => names[i]).join(", ");
  return `${a.fn}(${a.distinct ? "DISTINCT " : ""}${args}) AS ${a.name}`;
}

function duration(ms: number): string {
  if (ms % 86_400_000 === 0) return `${ms / 86_400_000} d`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms % 1000 === 0) return `${ms / 1000} s`;
  return `${ms} ms`;
}

export function windowToString(w: WindowSpec): string {
  const time = `time_col=[${w.timeColumn}]`;
  const offset = w.offsetMs ? `, offset=[${duration(w.offsetMs)}]` : "";
  if (w.fn === "TUMBLE") return `TUMBLE(${time}, size=[${duration(w.sizeMs)}]${offset})`;
  if (w.fn === "HOP")
    return `HOP(${time}, size=[${duration(w.sizeMs)}], slide=[${duration(w.slideMs!)}]${offset})`;
  return `CUMULATE(${time}, max_size=[${duration(w.sizeMs)}], step=[${duration(w.slideMs!)}]${offset})`;
}

function inputNames(rel: RelNode): string[] {
  if (rel.kind === "TableSourceScan" || rel.kind === "Values") return [];
  if (rel.kind === "Union") return rel.inputs[0].fields.map((f) => f.name);
  // A join's condition refers to the concatenated (uniquified) fields of both inputs.
  if (rel.kind === "Join") return rel.fields.map((f) => f.name);
  return rel.input.fields.map((f) => f.name);
}

const JOIN_TYPES = {
  INNER: "InnerJoin",
  LEFT: "LeftOuterJoin",
  RIGHT: "RightOuterJoin",
  FULL: "FullOuterJoin",
} as const;

/** The node's own line, e.g. `Calc(select=[a, UPPER(b) AS EXPR$1], where=[>(a, 1)])`. */
export function describeRel(rel: RelNode): string {
  const names = inputNames(rel);
  switch (rel.kind) {
    case "TableSourceScan":
      return `TableSourceScan(table=[[${rel.path.join(", ")}]], fields=[${rel.fields.map((f) => f.name).join(", ")}])`;
    case "Values":
      return `Values(tuples=[[${rel.rows.map((r) => `{ ${r.map((x) => rexToString(x, [])).join(", ")} }`).join(", ")}]])`;
    case "Calc": {
      const select = rel.projects
        .map((p, i) => {
          const s = rexToString(p, names);
          return s === rel.fields[i].name ? s : `${s} AS ${rel.fields[i].name}`;
        })
        .join(", ");
      const where = rel.condition ? `, where=[${rexToString(rel.condition, names)}]` : "";
      return `Calc(select=[${select}]${where})`;
    }
    case "WatermarkAssigner":
      return `WatermarkAssigner(rowtime=[${names[rel.rowtimeIndex]}], watermark=[${rexToString(rel.watermark, names)}])`;
    case "WindowTableFunction":
      return `WindowTableFunction(window=[${windowToString(rel.window)}])`;
    case "GroupAggregate": {
      const keys = rel.groupKeys.map((k) => names[k]);
      const groupBy = keys.length ? `groupBy=[${keys.join(", ")}], ` : "";
      const sets = rel.groupingSets
        ? `groupingSets=[${rel.groupingSets.map((g) => `{${g.map((k) => keys[k]).join(", ")}}`).join(", ")}], `
        : "";
      return `GroupAggregate(${groupBy}${sets}select=[${[...keys, ...rel.aggCalls.map((a) => aggToString(a, names))].join(", ")}])`;
    }
    case "WindowAggregate": {
      const keys = rel.groupKeys.map((k) => names[k]);
      return `WindowAggregate(groupBy=[${keys.join(", ")}], window=[${windowToString(rel.window)}], select=[${[...keys, ...rel.aggCalls.map((a) => aggToString(a, names))].join(", ")}])`;
    }
    case "Union":
      return `Union(all=[true], union=[${rel.fields.map((f) => f.name).join(", ")}])`;
    case "Rank": {
      const dedup = deduplication(rel);
      const keys = rel.partitionKeys.map((k) => names[k]).join(", ");
      if (dedup) return `Deduplicate(keep=[${dedup.keep}], key=[${keys}], order=[${dedup.order}])`;
      const order = rel.orderKeys
        .map((o) => `${names[o.index]} ${o.desc ? "DESC" : "ASC"}`)
        .join(", ");
      return `Rank(strategy=[AppendFastStrategy], rankType=[${rel.rankType}], rankRange=[rankStart=1, rankEnd=${rel.rankEnd ?? "?"}], partitionBy=[${keys}], orderBy=[${order}], select=[${rel.fields.map((f) => f.name).join(", ")}])`;
    }
    case "OverAggregate": {
      const keys = rel.partitionKeys.map((k) => names[k]);
      const partitionBy = keys.length ? `partitionBy=[${keys.join(", ")}], ` : "";
      const unit = rel.rows ? "ROWS" : "RANG";
      // Flink prints a RANGE bound in milliseconds, a ROWS bound as the row count.
      const lower =
        rel.preceding === undefined ? "UNBOUNDED PRECEDING" : `${rel.preceding} PRECEDING`;
      const select = [...names, ...rel.aggCalls.map((a) => aggToString(a, names))].join(", ");
      return `OverAggregate(${partitionBy}orderBy=[${names[rel.orderKey]} ASC], window=[ ${unit} BETWEEN ${lower} AND CURRENT ROW], select=[${select}])`;
    }
    case "Join": {
      const where = rel.condition ? rexToString(rel.condition, names) : "true";
      if (rel.interval) {
        const b = rel.interval;
        return `IntervalJoin(joinType=[${JOIN_TYPES[rel.joinType]}], windowBounds=[isRowTime=${b.rowtime}, leftLowerBound=${b.lower}, leftUpperBound=${b.upper}, leftTimeIndex=${b.leftTimeIndex}, rightTimeIndex=${b.rightTimeIndex}], where=[${where}], select=[${names.join(", ")}])`;
      }
      return `Join(joinType=[${JOIN_TYPES[rel.joinType]}], where=[${where}], select=[${names.join(", ")}], leftInputSpec=[NoUniqueKey], rightInputSpec=[NoUniqueKey])`;
    }
    case "Correlate": {
      const call = `$UNNEST_ROWS$1(${rexToString(rel.unnest, names)})`;
      return `Correlate(invocation=[${call}], correlate=[table(${call})], select=[${rel.fields.map((f) => f.name).join(",")}], joinType=[INNER])`;
    }
  }
}

export { explainPlan } from "@/lib/sql/explain-plan";

/** The tree below and including `rel`, children drawn with `+-` / `:-` as Flink prints plans. */
export function relTree(rel: RelNode, linePrefix = "", childPrefix = ""): string[] {
  const lines = [`${linePrefix}${describeRel(rel)}`];
  const children = relInputs(rel);
  children.forEach((c, i) => {
    const last = i === children.length - 1;
    lines.push(
      ...relTree(c, childPrefix + (last ? "+- " : ":- "), childPrefix + (last ? "   " : ":  ")),
    );
  });
  return lines;
}
