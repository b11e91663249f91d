/**
 * A JavaScript partitioner class (an export of an uploaded module) for one parallel sink
 * instance: its own isolate (js-sandbox.ts), records handed over in batches with their keys and
 * values packed into one byte array each.
 */
import type { LogicalType, Value } from "@/lib/types/logical-type";
import {
  PartitionerFailure,
  type BatchKafkaPartitioner,
  type PartitionRequest,
} from "../partitioner";
import {
  DEFAULT_JS_SANDBOX_LIMITS,
  JsModuleSandbox,
  JsSandboxError,
  type JsSandboxLimits,
} from "./js-sandbox";
import { jsValueConverter } from "./js-record-values";

export interface JsPartitionerOptions {
  source: string;
  fileName: string;
  exportName: string;
  /** The sink's columns: the record's property names and types. */
  columns: ReadonlyArray<{ name: string; type: LogicalType }>;
  description: string;
  limits?: JsSandboxLimits;
}

export class JsPartitioner implements BatchKafkaPartitioner<readonly Value[]> {
  private constructor(
    private readonly sandbox: JsModuleSandbox,
    readonly description: string,
    private readonly converters: Array<(v: Value) => unknown>,
  ) {}

  static async create(options: JsPartitionerOptions): Promise<JsPartitioner> {
    const sandbox = await JsModuleSandbox.load(
      options.source,
      options.fileName,
      options.limits ?? DEFAULT_JS_SANDBOX_LIMITS,
    );
    try {
      await sandbox.create(
        options.exportName,
        options.columns.map((c) => c.name),
      );
    } catch (e) {
      sandbox.dispose();
      throw e;
    }
    return new JsPartitioner(
      sandbox,
      options.description,
      options.columns.map((c) => jsValueConverter(c.type)),
    );
  }

  async open(parallelInstanceId: number, parallelInstances: number): Promise<void> {
    await this.sandbox.open(parallelInstanceId, parallelInstances).catch(rethrow);
  }

  async partitionBatch(
    requests: readonly PartitionRequest<readonly Value[]>[],
    partitionsByTopic: ReadonlyMap<string, readonly number[]>,
  ): Promise<Int32Array> {
    const n = requests.length;
    const rows = new Array<unknown[]>(n);
    const keyOffsets = new Int32Array(2 * n);
    const valueOffsets = new Int32Array(2 * n);
    const topics: string[] = [];
    const topicIndex = new Map<string, number>();
    const topicOf = new Uint16Array(n);
    let keyBytes = 0;
    let valueBytes = 0;
    for (const r of requests) {
      keyBytes += r.key?.length ?? 0;
      valueBytes += r.value?.length ?? 0;
    }
    const keys = new Uint8Array(keyBytes);
    const values = new Uint8Array(valueBytes);
    let k = 0;
    let v = 0;
    const converters = this.converters;
    for (let i = 0; i < n; i++) {
      const r = requests[i];
      const row = new Array<unknown>(converters.length);
      for (let c = 0; c < converters.length; c++) row[c] = converters[c](r.record[c] ?? null);
      rows[i] = row;
      if (r.key === null) keyOffsets[2 * i] = -1;
      else {
        keys.set(r.key, k);
        keyOffsets[2 * i] = k;
        k += r.key.length;
        keyOffsets[2 * i + 1] = k;
      }
      if (r.value === null) valueOffsets[2 * i] = -1;
      else {
        values.set(r.value, v);
        valueOffsets[2 * i] = v;
        v += r.value.length;
        valueOffsets[2 * i + 1] = v;
      }
      let t = topicIndex.get(r.targetTopic);
      if (t === undefined) {
        t = topics.length;
        topics.push(r.targetTopic);
        topicIndex.set(r.targetTopic, t);
      }
      topicOf[i] = t;
    }
    const partitions: Record<string, number[]> = {};
    for (const t of topics) partitions[t] = [...(partitionsByTopic.get(t) ?? [])];
    return this.sandbox
      .partitionBatch({
        rows,
        keyBytes: keys,
        keyOffsets,
        valueBytes: values,
        valueOffsets,
        topics,
        topicOf,
        partitionsByTopic: partitions,
      })
      .catch(rethrow);
  }

  async close(): Promise<void> {
    this.sandbox.dispose();
  }
}

function rethrow(e: unknown): never {
  if (e instanceof JsSandboxError) throw new PartitionerFailure(e.message, e.index);
  throw e;
}
