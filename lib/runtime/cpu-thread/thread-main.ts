/**
 * An instance's CPU thread, the thread's side (started by cpu-thread.ts through thread-entry.mjs):
 * builds the INSERT's decoders, chain and sink encoder from the plan with the same lib/ code the
 * event loop uses, then turns each batch of fetched records into producer records — decode,
 * evaluate, NOT NULL, serialize, partition — and hands them back. A record's failure ends the
 * batch there and goes back with what was made before it.
 */
import { parentPort, workerData } from "node:worker_threads";
import { isUpsertKafkaTable, sinkPartitionerOf } from "@/lib/connectors/resolved";
import { createPartitioner } from "@/lib/partitioners";
import type { EvalContext } from "@/lib/sql/evaluate";
import { planFromJson } from "@/lib/sql/plan";
import type { Value } from "@/lib/types/logical-type";
import { compileChain } from "../chain";
import type { KafkaTable } from "../kafka-setup";
import type { Downstream, SourceCounters } from "../operators";
import { readPlan } from "../plan-input";
import { SinkEncoder } from "../sinks/sink-encoder";
import {
  KafkaRecordDecoder,
  scanColumnsOf,
  type KafkaSourceTable,
} from "../sources/kafka-record-decoder";
import { EncodedRecordsWriter, unpackRecords } from "./packed";
import {
  toThreadError,
  type CpuThreadSpec,
  type FromCpuThread,
  type ToCpuThread,
  type ThreadError,
} from "./protocol";

interface Leaf {
  decoder: KafkaRecordDecoder;
  push: Downstream;
}

function serve(
  spec: CpuThreadSpec,
  post: (message: FromCpuThread, transfer?: ArrayBuffer[]) => void,
) {
  const { insert, settings } = readPlan(planFromJson(spec.plan))[spec.insertIndex];
  const evalContext: EvalContext = { localTimeZone: settings.localTimeZone, now: () => Date.now() };
  const sinkTable = insert.sink.resolved as KafkaTable;
  const topics = sinkTable.topics ?? [];
  const partitions = new Map(spec.sink.partitions);
  const flinkPartitioner = createPartitioner<readonly Value[]>(sinkPartitionerOf(sinkTable));
  const encoder = new SinkEncoder({
    table: sinkTable,
    columns: insert.sink.columns,
    upsert: isUpsertKafkaTable(sinkTable),
    instance: spec.instance,
    parallelism: spec.parallelism,
    ...(flinkPartitioner ? { flinkPartitioner } : {}),
    batchSize: spec.sink.batchSize,
    ignoreKeys: spec.sink.ignoreKeys,
  });
  let out = new EncodedRecordsWriter(topics);
  const leaves: Leaf[] = compileChain(
    insert.query,
    (kind, row, coords) => {
      const record = encoder.record(kind, row, coords);
      if (!record) return undefined;
      out.add(record, encoder.partition(record, row, coords, partitions.get(record.topic) ?? []));
      return undefined;
    },
    evalContext,
  ).map(({ leaf, push }) => {
    const source =
      leaf.kind === "TableSourceScan"
        ? insert.sources.find((s) => s.path.join(".") === leaf.path.join("."))
        : undefined;
    if (!source) throw new Error("A pipelined plan reads only Kafka tables.");
    const table = source.resolved as KafkaSourceTable;
    return { decoder: new KafkaRecordDecoder(table, scanColumnsOf(source)), push };
  });

  return (message: ToCpuThread) => {
    const { decoder, push } = leaves[message.leaf];
    const { topic, partition } = message;
    const records = unpackRecords(message.records);
    out = new EncodedRecordsWriter(topics, message.records.byteLength + records.length * 32);
    const counters: SourceCounters = { numRecordsIn: 0, numBytesIn: 0, numRecordsInErrors: 0 };
    let failure: ThreadError | undefined;
    try {
      for (const m of records) {
        const coords = { topic, partition, offset: m.offset };
        decoder.count(m, counters);
        for (const row of decoder.rows(m, topic, partition, coords, counters))
          push(row.kind, row.values, coords);
      }
    } catch (error) {
      failure = toThreadError(error);
    }
    const encoded = out.finish();
    post(
      { type: "done", id: message.id, records: encoded, counters, ...(failure ? { failure } : {}) },
      [encoded.buffer],
    );
  };
}

const port = parentPort;
if (port) {
  const post = (message: FromCpuThread, transfer?: ArrayBuffer[]) =>
    port.postMessage(message, transfer);
  let handle: ((message: ToCpuThread) => void) | undefined;
  try {
    handle = serve((workerData as { spec: CpuThreadSpec }).spec, post);
  } catch (error) {
    post({ type: "fatal", error: toThreadError(error) });
  }
  if (handle) {
    port.on("message", handle);
    post({ type: "ready" });
  }
}
