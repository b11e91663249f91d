/**
 * Rewrites where a script's Kafka sources start, for a job that should start elsewhere
 * than the script says (the deploy dialog's "committed group offsets" and "a timestamp"): each
 * `'connector' = 'kafka'` table that an INSERT reads gets `'scan.startup.mode'` (and
 * `'scan.startup.timestamp-millis'`) set — replaced where written, added otherwise. The deployed
 * SQL then says exactly where the job started. Pure, browser-safe.
 */
import type { SourceSpan } from "@/lib/sql/diagnostic";
import { sqlStringLiteral } from "@/lib/sql/fixes";
import type { Plan } from "@/lib/sql/plan";
import {
  SCAN_STARTUP_MODE,
  SCAN_STARTUP_TIMESTAMP_MILLIS,
} from "@/lib/connectors/kafka/kafka-options";
import { isPlainKafkaTable } from "@/lib/connectors/resolved";

export type StartupOverride =
  | { mode: "group-offsets" }
  | { mode: "timestamp"; timestampMillis: number }
  | { mode: "earliest-offset" }
  | { mode: "latest-offset" };

function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) offset = text.indexOf("\n", offset) + 1;
  return offset + column - 1;
}

export function overrideStartup(text: string, plan: Plan, override: StartupOverride): string {
  const wanted: Array<[string, string]> = [[SCAN_STARTUP_MODE.key, override.mode]];
  if (override.mode === "timestamp")
    wanted.push([SCAN_STARTUP_TIMESTAMP_MILLIS.key, String(override.timestampMillis)]);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const seen = new Set<string>();
  for (const job of plan.jobs)
    for (const insert of job.inserts)
      for (const source of insert.sources) {
        const def = source.definition;
        const key = source.path.join(".");
        if (seen.has(key) || !isPlainKafkaTable(source.resolved)) continue;
        seen.add(key);
        const last = def.options[def.options.length - 1];
        const added: string[] = [];
        for (const [k, v] of wanted) {
          const existing = def.options.find((o) => o.key === k);
          if (existing) edits.push(span(text, existing.valueSpan, sqlStringLiteral(v)));
          else added.push(`,\n  ${sqlStringLiteral(k)} = ${sqlStringLiteral(v)}`);
        }
        if (added.length && last) {
          const at = offsetOf(text, last.valueSpan.endLine, last.valueSpan.endColumn);
          edits.push({ start: at, end: at, text: added.join("") });
        }
      }
  edits.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function span(text: string, s: SourceSpan, replacement: string) {
  return {
    start: offsetOf(text, s.line, s.column),
    end: offsetOf(text, s.endLine, s.endColumn),
    text: replacement,
  };
}
