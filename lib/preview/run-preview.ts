/**
 * Preview: runs a script's INSERTs on a bounded sample and shows what each sink would write,
 * writing nothing. The runtime's own parts do the work — the chain (compileChain), the sources
 * (KafkaSource, DataGenSource, ValuesSource) and the Kafka sink (KafkaSink: serialization, NOT NULL
 * checks, upsert reduction and the partitioner against the topic's real partitions) — except that
 * the sink's records go to a capturing writer instead of a producer, and the sources commit no
 * offsets. Each source stops after `rows` records (N ≤ 1000) or at its end; the whole preview
 * after `timeoutMs`.
 */
import {
  isBlackholeTable,
  isDataGenTable,
  isKafkaTable,
  isPrintTable,
  sinkPartitionerOf,
} from "@/lib/connectors/resolved";
import type { ClusterAdmin, OutgoingRecord } from "@/lib/kafka/io";
import {
  PartitionerValidationError,
  resolveSinkPartitioner,
  type PartitionerClassLoader,
} from "@/lib/partitioners";
import type { EvalContext } from "@/lib/sql/evaluate";
import type { InsertPlan, PlannedTable } from "@/lib/sql/plan";
import { validateScript } from "@/lib/sql/validate";
import { validationOfAttached, type AttachedClasses } from "@/lib/jobs/plan-sql";
import type { Diagnostic } from "@/lib/sql/diagnostic";
import type { RowKind, Value } from "@/lib/types/logical-type";
import { typeToString } from "@/lib/types/logical-type";
import { compileChain, findStatefulOperator, statefulRefusal } from "@/lib/runtime/chain";
import { JobConfigurationError, SecretScrubber, toJobFailure } from "@/lib/runtime/failure";
import type { JobFailure, RecordCoordinates } from "@/lib/runtime/job-runtime";
import {
  checkpointGroupId,
  connectKafka,
  instanceOffsets,
  resolveProperties,
  withStoreCopies,
  sourcePartitions,
  type KafkaConnection,
  type KafkaTable,
} from "@/lib/runtime/kafka-setup";
import {
  CheckpointLock,
  type Downstream,
  type SinkInstance,
  type SourceInstance,
} from "@/lib/runtime/operators";
import { readPlan } from "@/lib/runtime/plan-input";
import { KafkaSink, type SinkRecordWriter } from "@/lib/runtime/sinks/kafka-sink";
import { javaString } from "@/lib/runtime/sinks/print-format";
import { DataGenSource } from "@/lib/runtime/sources/datagen-source";
import { KafkaSource, type ScanColumn } from "@/lib/runtime/sources/kafka-source";
import { ValuesSource } from "@/lib/runtime/sources/values-source";
import { rawBytes, type RawBytes } from "@/lib/topics/message-decoding";

export const MAX_PREVIEW_ROWS = 1000;
export const DEFAULT_PREVIEW_ROWS = 100;
export const DEFAULT_PREVIEW_TIMEOUT_MS = 15_000;

export interface PreviewOptions {
  sql: string;
  /** Records per source (Kafka) or rows (datagen, VALUES); at most MAX_PREVIEW_ROWS. */
  rows?: number;
  timeoutMs?: number;
  /** Resolves a secret for a connection to `bootstrapServers` (the table's; scoped). */
  resolveSecret(name: string, bootstrapServers: string): Promise<string>;
  /**
   * Loads a custom partitioner class that sink.partitioner names, as a job's resolver does (the
   * draft's attached JAR and JavaScript resources). Absent: a custom class is not found.
   */
  resolvePartitioner?: PartitionerClassLoader;
  /**
   * What the draft's attached resources hold, so the script validates as a deploy validates it:
   * partitioner and other classes, and the stores `/flink/usrlib/<file>` may name. Absent: not known.
   */
  attached?: PreviewAttachments;
  /** The local copy of an attached key or trust store (`/flink/usrlib/<file>`): the draft's. */
  resolveStoreFile?(fileName: string): Promise<string | undefined>;
}

/** The draft's attached classes and stores, as plain data (it travels to the preview worker). */
export type PreviewAttachments = Omit<AttachedClasses, "partitionerKinds">;

export interface PreviewRow {
  kind: RowKind;
  /** Each column as Flink prints it. */
  cells: string[];
  /** The source record the row came from. */
  source?: RecordCoordinates;
}

export interface PreviewRecord {
  topic: string;
  /** The partition the sink's partitioner picked, against the topic's real partition count. */
  partition: number;
  key: RawBytes | null;
  value: RawBytes | null;
  headers: Array<{ key: string; value: RawBytes | null }>;
  timestamp: number | null;
}

export interface PreviewSink {
  sink: string;
  connector: string;
  topics?: Array<{ topic: string; partitions: number }>;
  columns: Array<{ name: string; type: string }>;
  rows: PreviewRow[];
  /** Kafka sinks: the records exactly as they would be produced. */
  records?: PreviewRecord[];
}

export interface PreviewSource {
  source: string;
  connector: string;
  /** Records (Kafka) or rows read. */
  read: number;
  /** Kafka: the first offset read per "topic-partition" (the source's start position). */
  startOffsets?: Record<string, number>;
  note?: string;
}

export interface PreviewResult {
  ok: boolean;
  /** The script's errors, when it does not validate. */
  diagnostics?: Diagnostic[];
  sinks: PreviewSink[];
  sources: PreviewSource[];
  /** What stopped the preview early, with the record's coordinates for a record failure. */
  failure?: JobFailure;
  timedOut?: boolean;
  rowsPerSource: number;
}

const asBuffer = (b: Uint8Array | null | undefined) => (b === null || b === undefined ? null : b);

/** The sink's records, captured where a producer would send them. */
class CapturingWriter implements SinkRecordWriter {
  lastSendMs = 0;
  readonly records: OutgoingRecord[] = [];
  async connect(): Promise<void> {}
  async fence(): Promise<void> {}
  write(record: OutgoingRecord): undefined {
    this.records.push(record);
    return undefined;
  }
  async send(): Promise<void> {}
  async flush(): Promise<void> {}
  async commitTransaction(): Promise<void> {}
  async abortTransaction(): Promise<void> {}
  async close(): Promise<void> {}
}

/** print and blackhole: the rows are the whole story. */
class RowsOnlySink implements SinkInstance {
  readonly counters = {
    numRecordsOut: 0,
    numBytesOut: 0,
    numRecordsOutErrors: 0,
    currentSendTime: 0,
  };
  readonly exactlyOnce = false;
  async open() {}
  write() {
    this.counters.numRecordsOut++;
    return undefined;
  }
  async checkpoint() {}
  async abort() {}
  async close() {}
}

function headerEntries(headers: OutgoingRecord["headers"]): PreviewRecord["headers"] {
  const out: PreviewRecord["headers"] = [];
  for (const [key, value] of Object.entries(headers ?? {})) {
    for (const v of Array.isArray(value) ? value : [value])
      out.push({
        key,
        value: rawBytes(typeof v === "string" ? Buffer.from(v) : asBuffer(v as Buffer)),
      });
  }
  return out;
}

export async function runPreview(options: PreviewOptions): Promise<PreviewResult> {
  const rowsPerSource = Math.min(
    Math.max(1, Math.floor(options.rows ?? DEFAULT_PREVIEW_ROWS)),
    MAX_PREVIEW_ROWS,
  );
  const validated = validateScript(options.sql, validationOfAttached(options.attached));
  const errors = validated.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0 || !validated.plan)
    return { ok: false, diagnostics: errors, sinks: [], sources: [], rowsPerSource };
  const scrubber = new SecretScrubber();
  const result: PreviewResult = { ok: true, sinks: [], sources: [], rowsPerSource };
  const connections: KafkaConnection[] = [];
  const running: Array<{ sources: SourceInstance[]; sink: SinkInstance }> = [];
  const collectors: Array<() => void> = [];
  const deadline = Date.now() + (options.timeoutMs ?? DEFAULT_PREVIEW_TIMEOUT_MS);
  try {
    const inserts = readPlan(validated.plan);
    for (const { insert } of inserts) {
      const stateful = findStatefulOperator(insert.query);
      if (stateful) throw statefulRefusal(stateful);
    }
    const connect = async (table: KafkaTable, role: "producer" | "consumer", name: string) => {
      const properties = await withStoreCopies(
        await resolveProperties(
          table.properties,
          table.bootstrapServers,
          options.resolveSecret,
          scrubber,
        ),
        options.resolveStoreFile,
      );
      const connection = await connectKafka(
        properties,
        role,
        `tributary-preview-${name}`,
        () => {},
      );
      connections.push(connection);
      return { properties, ...connection };
    };
    const runs: Array<Promise<void>> = [];
    for (const { insert, settings } of inserts) {
      const ctx: EvalContext = { localTimeZone: settings.localTimeZone, now: () => Date.now() };
      const captured = await prepareSink(insert, connect, options);
      result.sinks.push(captured.view);
      collectors.push(captured.collect);
      const lock = new CheckpointLock();
      const leaves = compileChain(
        insert.query,
        (kind, values, coords) => {
          captured.view.rows.push({
            kind,
            cells: values.map((v, i) => javaString(v, insert.sink.columns[i].type)),
            ...(coords.topic !== undefined || coords.row !== undefined
              ? { source: { ...coords } }
              : {}),
          });
          return captured.sink.write(kind, values, coords);
        },
        ctx,
      );
      const sources: SourceInstance[] = [];
      const pushes: Array<{ source: SourceInstance; push: Downstream; view: PreviewSource }> = [];
      for (const { leaf, push } of leaves) {
        if (leaf.kind === "Values") {
          const view: PreviewSource = { source: "VALUES", connector: "values", read: 0 };
          const source = new ValuesSource(leaf, 0, ctx);
          pushes.push({ source, push, view });
        } else {
          const planned = insert.sources.find((s) => s.path.join(".") === leaf.path.join("."))!;
          const { source, view } = await prepareSource(planned, rowsPerSource, connect);
          pushes.push({ source, push, view });
        }
      }
      for (const p of pushes) {
        sources.push(p.source);
        result.sources.push(p.view);
      }
      await captured.sink.open();
      running.push({ sources, sink: captured.sink });
      runs.push(
        (async () => {
          await Promise.all(
            pushes.map(({ source, push, view }) =>
              source.run((kind, values, coords) => {
                if (view.read >= rowsPerSource) return undefined;
                view.read++;
                const pending = push(kind, values, coords);
                if (view.read >= rowsPerSource) void source.stop();
                return pending;
              }, lock),
            ),
          );
          // The sink's end-of-input: upsert-kafka's reduce buffer is flushed into the capture.
          await captured.sink.checkpoint([]);
        })(),
      );
    }
    const timeLeft = Math.max(0, deadline - Date.now());
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      Promise.all(runs).then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeLeft))),
    ]).finally(() => clearTimeout(timer));
    if (timedOut) {
      result.timedOut = true;
      for (const r of running) await Promise.all(r.sources.map((s) => s.stop().catch(() => {})));
    }
  } catch (error) {
    result.ok = false;
    result.failure = toJobFailure(error, scrubber);
  } finally {
    for (const r of running) {
      await Promise.all(r.sources.map((s) => s.stop().catch(() => {})));
      await r.sink.close().catch(() => {});
    }
    await Promise.all(connections.map((c) => c.admin.close()));
    // What reached the capture is shown also when a failure or the time ended the preview.
    for (const collect of collectors) collect();
  }
  return result;
}

type Connect = (
  table: KafkaTable,
  role: "producer" | "consumer",
  name: string,
) => Promise<{ properties: Record<string, string> } & KafkaConnection>;

async function prepareSink(
  insert: InsertPlan,
  connect: Connect,
  options: PreviewOptions,
): Promise<{ sink: SinkInstance; view: PreviewSink; collect(): void }> {
  const table = insert.sink.resolved;
  const view: PreviewSink = {
    sink: insert.sink.path.join("."),
    connector: table?.connector ?? "?",
    columns: insert.sink.columns.map((c) => ({ name: c.name, type: typeToString(c.type) })),
    rows: [],
  };
  if (isPrintTable(table) || isBlackholeTable(table))
    return { sink: new RowsOnlySink(), view, collect: () => {} };
  if (!isKafkaTable(table))
    throw new JobConfigurationError(`Connector '${table?.connector}' cannot be written to.`);
  const name = insert.sink.path[insert.sink.path.length - 1];
  const { client, admin } = await connect(table, "producer", name);
  const partitions = table.topics
    ? await admin.topicPartitions(table.topics, "sink")
    : new Map<string, number[]>();
  view.topics = [...partitions].map(([topic, list]) => ({ topic, partitions: list.length }));
  let flinkPartitioner;
  try {
    // The partitioner a job's instance 0 of parallelism 1 would use, custom classes included.
    flinkPartitioner = await resolveSinkPartitioner<readonly Value[]>(
      sinkPartitionerOf(table),
      { columns: insert.sink.columns.map((c) => ({ name: c.name, type: c.type })) },
      options.resolvePartitioner,
    );
  } catch (error) {
    if (error instanceof PartitionerValidationError) throw new JobConfigurationError(error.message);
    throw error;
  }
  const writer = new CapturingWriter();
  const sink = new KafkaSink({
    table,
    columns: insert.sink.columns,
    client,
    admin: admin as ClusterAdmin,
    partitions: new Map(partitions),
    instance: 0,
    parallelism: 1,
    writer,
    ...(flinkPartitioner ? { flinkPartitioner } : {}),
  });
  return {
    sink,
    view,
    collect: () => {
      view.records = writer.records.map((r) => ({
        topic: r.topic,
        partition: r.partition ?? -1,
        key: rawBytes(r.key),
        value: rawBytes(r.value),
        headers: headerEntries(r.headers),
        timestamp: r.timestamp ?? null,
      }));
    },
  };
}

async function prepareSource(
  source: PlannedTable,
  rows: number,
  connect: Connect,
): Promise<{ source: SourceInstance; view: PreviewSource }> {
  const table = source.resolved;
  const name = source.path.join(".");
  if (isDataGenTable(table))
    return {
      source: new DataGenSource(table, 0, 1),
      view: { source: name, connector: table.connector, read: 0 },
    };
  if (!isKafkaTable(table))
    throw new JobConfigurationError(`Connector '${table?.connector}' cannot be read from.`);
  const { properties, client, admin } = await connect(
    table,
    "consumer",
    source.path[source.path.length - 1],
  );
  const partitions = await sourcePartitions(table, admin);
  const groupId = checkpointGroupId(table, properties, "preview", source.path);
  const offsets = await instanceOffsets(table, admin, partitions, 0, 1, groupId, {
    resumeFrom: undefined,
    fromCheckpoint: false,
  });
  // Bounded: no partition reads past its end now, nor more than the sample needs.
  const stop = new Map<string, number>();
  for (const [topic, list] of partitions) {
    const marks = await admin.watermarks(topic);
    for (const p of list) {
      const key = `${topic}-${p}`;
      const start = offsets.start.get(key) ?? 0;
      const end = Math.min(
        marks.get(p)?.high ?? start,
        offsets.stop?.get(key) ?? Infinity,
        start + rows,
      );
      stop.set(key, Math.max(start, end));
    }
  }
  const scanColumns: ScanColumn[] = source.definition.columns
    .filter((c) => c.kind !== "computed")
    .map((c) =>
      c.kind === "physical"
        ? { kind: "physical", name: c.name }
        : { kind: "metadata", key: c.metadataKey ?? c.name },
    );
  const view: PreviewSource = {
    source: name,
    connector: table.connector,
    read: 0,
    startOffsets: Object.fromEntries(offsets.start),
  };
  if ([...stop].every(([key, end]) => end <= (offsets.start.get(key) ?? 0)))
    view.note = `Nothing to read from the start position (scan.startup.mode = '${table.startup.mode}').`;
  return {
    source: new KafkaSource({
      table,
      scanColumns,
      client,
      instance: 0,
      parallelism: 1,
      groupId,
      commitOffsets: false,
      startOffsets: offsets.start,
      stopOffsets: stop,
      topics: [...partitions.keys()],
      partitions,
      discovery: {
        intervalMs: 0,
        discover: async () => partitions,
        earliestOffsets: async () => new Map(),
      },
    }),
    view,
  };
}
