/**
 * Changelog mode inference as Flink's FlinkChangelogModeInferenceProgram does it: every node
 * provides a set of modify kinds (INSERT, UPDATE, DELETE); Calc, watermark assigner and union
 * forward what they get; a GroupAggregate produces updates (and deletes when its input has
 * updates or deletes); window aggregation over a window TVF produces inserts only and needs an
 * insert-only input. A sink that cannot consume what reaches it fails with Flink's message:
 * "Table sink '<t>' doesn't support consuming update changes which is produced by node …".
 */
import { describeRel } from "@/lib/sql/explain";
import type { RelNode } from "@/lib/sql/rel";
import type { ChangelogMode } from "@/lib/types/logical-type";
import { getConnectorFactory } from "@/lib/connectors/registry";
import { registryFormatLookup, type FormatLookup } from "@/lib/connectors/format-lookup";

export type ModifyKind = "insert" | "update" | "delete";
export type ModifyKindSet = ReadonlySet<ModifyKind>;

const ORDER: ModifyKind[] = ["insert", "update", "delete"];

export function kindsOf(mode: ChangelogMode): ModifyKindSet {
  return new Set<ModifyKind>(mode === "insert-only" ? ["insert"] : ["insert", "update", "delete"]);
}

/** The narrowest ChangelogMode that carries these kinds: insert-only, or "all" once updates/deletes appear. */
export function modeOf(kinds: ModifyKindSet): ChangelogMode {
  return kinds.size === 1 && kinds.has("insert") ? "insert-only" : "all";
}

export class ChangelogError extends Error {}

/**
 * A table's changelog mode from its options, as its connector's descriptor declares it (kafka
 * follows its value format's descriptor, upsert-kafka is an upsert changelog, …); insert-only for
 * a connector Tributary does not know. Used when the connector validator resolved nothing.
 */
export function changelogFromOptions(
  options: ReadonlyMap<string, string>,
  formats: FormatLookup = registryFormatLookup,
): ChangelogMode {
  const connector = getConnectorFactory(options.get("connector") ?? "");
  return connector?.changelogMode(options, formats) ?? "insert-only";
}

function minus(a: ModifyKindSet, b: ModifyKindSet): ModifyKind[] {
  return ORDER.filter((k) => a.has(k) && !b.has(k));
}

const ALL: ModifyKindSet = new Set(ORDER);
const INSERT_ONLY: ModifyKindSet = new Set<ModifyKind>(["insert"]);

/**
 * Infers what `rel` produces while checking that `required` (from the sink, or from an operator
 * above) is satisfied; throws ChangelogError with Flink's message naming the requester and node.
 */
export function inferChangelog(
  rel: RelNode,
  sourceMode: (path: string[]) => ChangelogMode,
  required: ModifyKindSet = ALL,
  requester = "ROOT",
): ModifyKindSet {
  const check = (provided: ModifyKindSet): ModifyKindSet => {
    const diff = minus(provided, required);
    if (diff.length > 0) {
      throw new ChangelogError(
        `${requester} doesn't support consuming ${diff.join(" and ")} changes which is produced by node ${describeRel(rel)}`,
      );
    }
    return provided;
  };
  switch (rel.kind) {
    case "TableSourceScan":
      return check(kindsOf(sourceMode(rel.path)));
    case "Values":
      return check(INSERT_ONLY);
    case "Calc":
    case "WatermarkAssigner":
      return inferChangelog(rel.input, sourceMode, required, requester);
    case "Union": {
      const out = new Set<ModifyKind>();
      for (const i of rel.inputs)
        for (const k of inferChangelog(i, sourceMode, required, requester)) out.add(k);
      return out;
    }
    case "GroupAggregate": {
      const input = inferChangelog(rel.input, sourceMode, ALL, "GroupAggregate");
      const provided = new Set<ModifyKind>(["insert", "update"]);
      if (input.has("update") || input.has("delete")) provided.add("delete");
      return check(provided);
    }
    case "WindowTableFunction":
      inferChangelog(rel.input, sourceMode, INSERT_ONLY, "WindowTableFunction");
      return check(INSERT_ONLY);
    case "WindowAggregate":
      inferChangelog(rel.input, sourceMode, INSERT_ONLY, "WindowAggregate");
      return check(INSERT_ONLY);
    case "Correlate":
      return inferChangelog(rel.input, sourceMode, required, requester);
    case "Rank": {
      if (rel.rankEnd === undefined)
        throw new ChangelogError(
          `${rel.rankType}() OVER (…) must be filtered in the outer query (WHERE rn <= N) for Top-N or deduplication; other OVER windows are not supported by Tributary yet`,
        );
      const input = inferChangelog(rel.input, sourceMode, ALL, "Rank");
      const dedup = deduplication(rel);
      const provided = new Set<ModifyKind>(["insert", "update"]);
      // Deduplicate keeping the first row by processing time emits each key once; keeping the last
      // row updates it; a Top-N ranks rows in and out (StreamPhysicalRank / Deduplicate).
      if (
        dedup?.keep === "FirstRow" &&
        dedup.order === "PROCTIME" &&
        !input.has("update") &&
        !input.has("delete")
      )
        return check(INSERT_ONLY);
      if (!dedup) provided.add("delete");
      return check(provided);
    }
    case "OverAggregate":
      // StreamPhysicalOverAggregate consumes and produces inserts only.
      inferChangelog(rel.input, sourceMode, INSERT_ONLY, "OverAggregate");
      return check(INSERT_ONLY);
    case "Join": {
      // StreamPhysicalIntervalJoin consumes and produces inserts only, outer joins included (a
      // row's padding is emitted once its interval has passed, never retracted).
      if (rel.interval) {
        for (const i of rel.inputs) inferChangelog(i, sourceMode, INSERT_ONLY, "IntervalJoin");
        return check(INSERT_ONLY);
      }
      // StreamPhysicalJoin: an inner join forwards what its inputs produce; an outer join pads
      // and retracts rows, so it produces updates and deletes (FlinkChangelogModeInferenceProgram).
      const out = new Set<ModifyKind>();
      for (const i of rel.inputs)
        for (const k of inferChangelog(i, sourceMode, ALL, "Join")) out.add(k);
      if (rel.joinType !== "INNER")
        ["insert", "update", "delete"].forEach((k) => out.add(k as ModifyKind));
      return check(out);
    }
  }
}

/** A Rank Flink runs as a Deduplicate: rn = 1, ROW_NUMBER, ordered by one time attribute. */
export function deduplication(
  rel: Extract<RelNode, { kind: "Rank" }>,
): { keep: "FirstRow" | "LastRow"; order: "ROWTIME" | "PROCTIME" } | undefined {
  if (rel.rankType !== "ROW_NUMBER" || rel.rankEnd !== 1 || rel.orderKeys.length !== 1)
    return undefined;
  const key = rel.orderKeys[0];
  const attr = rel.input.fields[key.index]?.timeAttribute;
  if (!attr) return undefined;
  return {
    keep: key.desc ? "LastRow" : "FirstRow",
    order: attr === "rowtime" ? "ROWTIME" : "PROCTIME",
  };
}

/** The sink's check: what the sink accepts as required kinds, with Flink's requester name. */
export function checkSinkChangelog(
  rel: RelNode,
  sinkName: string,
  sinkMode: ChangelogMode,
  sourceMode: (path: string[]) => ChangelogMode,
): ModifyKindSet {
  return inferChangelog(rel, sourceMode, kindsOf(sinkMode), `Table sink '${sinkName}'`);
}
