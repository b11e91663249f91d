/**
 * Which INSERTs run their CPU stages on a thread per instance (cpu-thread.ts), and how many such
 * threads a process starts. A plan is pipelined when everything between fetch and produce is
 * synchronous code the thread can run from the plan alone; everything else keeps the in-loop path:
 *
 * - every leaf of the query is a `kafka` / `upsert-kafka` table (VALUES and datagen rows are made
 *   on the event loop), and the sink is one (print and blackhole write on the event loop);
 * - no format fetches remote state while it decodes or encodes (avro-confluent's schema-registry
 *   lookups and registration are asynchronous I/O the thread does not do);
 * - the sink writes a fixed list of topics (a topic-pattern sink describes topics it meets while
 *   it runs), with a built-in partitioner (a custom JavaScript or JAR partitioner runs in its own
 *   isolate or JVM, asked per batch from the event loop);
 * - an upsert-kafka sink does not reduce changes in a buffer (sink.buffer-flush.*: the buffer
 *   flushes on a timer under the checkpoint lock).
 *
 * `TRIBUTARY_CPU_THREADS` bounds the threads of a process: 0 turns pipelining off (every plan runs
 * in-loop), N allows N, unset allows two per core the process may run on (none on one core);
 * instances beyond the bound run in-loop.
 */
import { availableParallelism } from "node:os";
import type { ResolvedFormat, ResolvedKafkaCommon } from "@/lib/connectors/resolved";
import { isKafkaTable, isUpsertKafkaTable, sinkPartitionerOf } from "@/lib/connectors/resolved";
import { getFormatFactory } from "@/lib/formats/registry";
import type { InsertPlan } from "@/lib/sql/plan";
import { chainLeaves } from "../chain";

export type PipelineChoice = { pipelined: true } | { pipelined: false; reason: string };

const no = (reason: string): PipelineChoice => ({ pipelined: false, reason });

/** Whether an INSERT's CPU stages can run on a thread per instance, or why not. */
export function pipelineChoice(insert: InsertPlan): PipelineChoice {
  const sink = insert.sink.resolved;
  if (!isKafkaTable(sink)) return no(`its sink is a '${sink?.connector}' table`);
  for (const leaf of chainLeaves(insert.query)) {
    if (leaf.kind === "Values") return no("it reads VALUES");
    const source = insert.sources.find((s) => s.path.join(".") === leaf.path.join("."));
    const table = source?.resolved;
    if (!isKafkaTable(table)) return no(`it reads a '${table?.connector}' table`);
    const problem = formatProblem(table, "deserializer");
    if (problem) return no(problem);
  }
  if (!sink.topics) return no("its sink writes to a topic pattern");
  const partitioner = sinkPartitionerOf(sink);
  if (partitioner.kind === "custom")
    return no(`its sink uses the custom partitioner '${partitioner.className}'`);
  if (isUpsertKafkaTable(sink) && sink.bufferFlush.enabled)
    return no("its upsert-kafka sink reduces changes in a buffer (sink.buffer-flush.*)");
  const problem = formatProblem(sink, "serializer");
  if (problem) return no(problem);
  return { pipelined: true };
}

/** Why a Kafka table's key or value format cannot run in the thread (it does I/O), if it cannot. */
function formatProblem(
  table: ResolvedKafkaCommon,
  role: "serializer" | "deserializer",
): string | undefined {
  const parts: Array<[ResolvedFormat | undefined, "key" | "value"]> = [
    [table.keyFormat, "key"],
    [table.valueFormat, "value"],
  ];
  const topic = table.topics?.length === 1 ? table.topics[0] : undefined;
  const side = role === "serializer" ? "sink" : "source";
  for (const [format, part] of parts) {
    if (!format) continue;
    const factory = getFormatFactory(format.identifier);
    const ctx = {
      options: new Map(Object.entries(format.options)),
      rowType: format.rowType,
      part,
      ...(topic !== undefined ? { topic } : {}),
    };
    try {
      if (role === "serializer" && factory?.createSerializer(ctx).open !== undefined)
        return `its sink format '${format.identifier}' registers its schema`;
      if (role === "deserializer" && factory?.createDeserializer(ctx).prepare !== undefined)
        return `its source format '${format.identifier}' fetches schemas while it decodes`;
    } catch {
      // The in-loop path reports what is wrong with it, as before.
      return `its ${side} format '${format.identifier}' cannot be created`;
    }
    if (!factory) return `its ${side} format '${format.identifier}' is unknown`;
  }
  return undefined;
}

/**
 * How many CPU threads a process may run at once (TRIBUTARY_CPU_THREADS; 0: none). Unset, two
 * per core the process may run on — and none when that is one core (`taskset -c 0`): there a
 * thread only takes turns with the event loop, and the hand-over costs what it cannot win back.
 */
export function cpuThreadBudget(
  setting: string | undefined = process.env.TRIBUTARY_CPU_THREADS,
  cores: number = availableParallelism(),
): number {
  const value = setting?.trim();
  if (value && /^\d+$/.test(value)) return Number(value);
  return cores > 1 ? 2 * cores : 0;
}

/** Why an instance of a pipelined plan got no thread: the bound, in words. */
export function cpuThreadBudgetReason(
  setting: string | undefined = process.env.TRIBUTARY_CPU_THREADS,
  cores: number = availableParallelism(),
): string {
  const budget = cpuThreadBudget(setting, cores);
  if (setting?.trim() === "0") return "TRIBUTARY_CPU_THREADS=0";
  if (budget === 0)
    return "the process runs on one core, where a CPU thread would only take turns with the event loop (TRIBUTARY_CPU_THREADS=N uses threads anyway)";
  return `the ${budget} CPU threads TRIBUTARY_CPU_THREADS allows this process are in use`;
}
