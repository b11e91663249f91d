/**
 * A Kafka record as a source table reads it (Flink's DynamicKafkaDeserializationSchema): the key
 * and value through their formats, upsert-kafka's tombstones as deletes, metadata columns from
 * the record, in the scan's column order. A record that does not decode is a RecordError with its
 * coordinates, unless the format's ignore-parse-errors skips it (counted as numRecordsInErrors).
 *
 * One module for both places a record is decoded: the Kafka source on the event loop, and an
 * instance's CPU thread (lib/runtime/cpu-thread) when the plan is pipelined.
 */
import { FormatError, type RowDeserializer } from "@/lib/formats/format";
import { getFormatFactory } from "@/lib/formats/registry";
import {
  isUpsertKafkaTable,
  type ResolvedFormat,
  type ResolvedKafkaTable,
  type ResolvedUpsertKafkaTable,
} from "@/lib/connectors/resolved";
import type { PlannedTable } from "@/lib/sql/plan";
import { MapValue, Timestamp, type RowKind, type Value } from "@/lib/types/logical-type";
import { RecordError } from "../failure";
import type { RecordCoordinates } from "../job-runtime";
import type { SourceCounters } from "../operators";

/** What the scan emits: each column is a physical field or a metadata key. */
export type ScanColumn = { kind: "physical"; name: string } | { kind: "metadata"; key: string };

/** The scan's columns of a source table: its physical and metadata columns in declared order. */
export function scanColumnsOf(source: PlannedTable): ScanColumn[] {
  return source.definition.columns
    .filter((c) => c.kind !== "computed")
    .map((c) =>
      c.kind === "physical"
        ? { kind: "physical", name: c.name }
        : { kind: "metadata", key: c.metadataKey ?? c.name },
    );
}

type HeaderValue = Uint8Array | string | null;

/** What a decoder reads of a fetched record (kafkajs's KafkaMessage, or one unpacked in a CPU thread). */
export interface DecodableRecord {
  key: Uint8Array | null;
  value: Uint8Array | null;
  /** As kafkajs gives them: decimal strings. */
  offset: string;
  timestamp: string;
  headers?: Record<string, HeaderValue | HeaderValue[] | undefined>;
}

export interface DecodedRow {
  kind: RowKind;
  values: Value[];
}

export type KafkaSourceTable = ResolvedKafkaTable | ResolvedUpsertKafkaTable;

export function createRowDeserializer(
  format: ResolvedFormat,
  part: "key" | "value",
  topic: string | undefined,
  overrides: Record<string, string> = {},
): RowDeserializer {
  const factory = getFormatFactory(format.identifier);
  if (!factory)
    throw new Error(`Format '${format.identifier}' is not available in Tributary's runtime.`);
  return factory.createDeserializer({
    options: new Map(Object.entries({ ...format.options, ...overrides })),
    rowType: format.rowType,
    part,
    ...(topic !== undefined ? { topic } : {}),
  });
}

export class KafkaRecordDecoder {
  private readonly keyDeserializer?: RowDeserializer;
  private readonly valueDeserializer: RowDeserializer;
  /**
   * With ignore-parse-errors a format returns no row for a record it cannot parse, but also for
   * records that legitimately carry none (an empty JSON message, a canal DDL event). The same
   * format without the option tells them apart, and only runs for the records that gave no row.
   */
  private readonly strictValueDeserializer?: RowDeserializer;
  private readonly upsert: boolean;
  /** Whether a format fetches remote state before it decodes (avro-confluent's writer schemas). */
  private readonly fetchesRemoteState: boolean;
  private readonly build: (
    key: Value[] | null,
    value: Value[] | null,
    topic: string,
    partition: number,
    m: DecodableRecord,
  ) => Value[];

  constructor(table: KafkaSourceTable, scanColumns: readonly ScanColumn[]) {
    this.upsert = isUpsertKafkaTable(table);
    const topic = table.topics?.length === 1 ? table.topics[0] : undefined;
    if (table.keyFormat)
      this.keyDeserializer = createRowDeserializer(table.keyFormat, "key", topic);
    this.valueDeserializer = createRowDeserializer(table.valueFormat, "value", topic);
    if (table.valueFormat.options["ignore-parse-errors"]?.toLowerCase() === "true") {
      this.strictValueDeserializer = createRowDeserializer(table.valueFormat, "value", topic, {
        "ignore-parse-errors": "false",
      });
    }
    this.build = rowBuilder(table, scanColumns);
    this.fetchesRemoteState =
      this.keyDeserializer?.prepare !== undefined || this.valueDeserializer.prepare !== undefined;
  }

  /**
   * What to await before rows(m): formats that fetch remote state (avro-confluent's writer
   * schema) say so by returning a promise; undefined when everything is at hand. A fetch that
   * fails is the record's failure, as a decoding error is.
   */
  prepare(m: DecodableRecord, coords: RecordCoordinates): Promise<void> | undefined {
    if (!this.fetchesRemoteState) return undefined;
    const key =
      this.keyDeserializer && m.key !== null ? this.keyDeserializer.prepare?.(m.key) : undefined;
    const value = () => (m.value !== null ? this.valueDeserializer.prepare?.(m.value) : undefined);
    const ready = key ? key.then(value) : value();
    return ready?.catch((error: unknown) => {
      throw deserializationFailure(error, coords);
    });
  }

  /** Counts a record read (numRecordsIn, numBytesIn), before it is prepared and decoded. */
  count(m: DecodableRecord, counters: SourceCounters): void {
    counters.numRecordsIn++;
    counters.numBytesIn += (m.value?.length ?? 0) + (m.key?.length ?? 0);
  }

  /** The scan rows of one record; a parse error skipped by ignore-parse-errors counts in `counters`. */
  rows(
    m: DecodableRecord,
    topic: string,
    partition: number,
    coords: RecordCoordinates,
    counters: SourceCounters,
  ): DecodedRow[] {
    let keyRow: Value[] | null = null;
    let rows: Array<{ kind: RowKind; values: Value[] | null }>;
    try {
      if (this.keyDeserializer && m.key !== null)
        keyRow = this.keyDeserializer.deserialize(m.key)[0]?.values ?? null;
      if (m.value === null) {
        // A tombstone: a delete for upsert-kafka. For kafka, Flink hands null to the format.
        rows = this.upsert
          ? [{ kind: "-D", values: null }]
          : (this.valueDeserializer.deserializeNull?.() ?? []);
      } else {
        const decoded = this.valueDeserializer.deserialize(m.value);
        if (
          decoded.length === 0 &&
          this.strictValueDeserializer &&
          isParseError(this.strictValueDeserializer, m.value)
        ) {
          counters.numRecordsInErrors++;
        }
        rows = decoded;
      }
    } catch (error) {
      throw deserializationFailure(error, coords);
    }
    return rows.map((r) => ({
      kind: r.kind,
      values: this.build(keyRow, r.values, topic, partition, m),
    }));
  }
}

function deserializationFailure(error: unknown, coords: RecordCoordinates): unknown {
  if (error instanceof FormatError) {
    return new RecordError(
      `Failed to deserialize consumer record due to: ${error.message}`,
      coords,
      error,
    );
  }
  return error;
}

function isParseError(strict: RowDeserializer, bytes: Uint8Array): boolean {
  try {
    strict.deserialize(bytes);
    return false;
  } catch {
    return true;
  }
}

/** Builds the scan row (physical and metadata columns in declared order) from decoded key/value rows. */
function rowBuilder(
  table: KafkaSourceTable,
  columns: readonly ScanColumn[],
): (
  key: Value[] | null,
  value: Value[] | null,
  topic: string,
  partition: number,
  m: DecodableRecord,
) => Value[] {
  type Getter = (
    key: Value[] | null,
    value: Value[] | null,
    topic: string,
    partition: number,
    m: DecodableRecord,
  ) => Value;
  const getters: Getter[] = columns.map((c): Getter => {
    if (c.kind === "physical") {
      const inValue = table.valueFields.findIndex((f) => f.name === c.name);
      if (inValue >= 0) return (_k, v) => (v === null ? null : v[inValue]);
      const inKey = table.keyFields.findIndex((f) => f.name === c.name);
      if (inKey >= 0) return (k) => (k === null ? null : k[inKey]);
      return () => null;
    }
    switch (c.key) {
      case "topic":
        return (_k, _v, topic) => topic;
      case "partition":
        return (_k, _v, _t, partition) => partition;
      case "offset":
        return (_k, _v, _t, _p, m) => BigInt(m.offset);
      case "timestamp":
        return (_k, _v, _t, _p, m) => Timestamp.fromEpochMillis(Number(m.timestamp));
      case "timestamp-type":
        // kafkajs does not expose the batch's timestamp type; CreateTime is the producer default.
        return () => "CreateTime";
      case "leader-epoch":
        return () => null;
      case "headers":
        return (_k, _v, _t, _p, m) => {
          const entries: Array<[Value, Value]> = [];
          for (const [name, raw] of Object.entries(m.headers ?? {})) {
            if (raw === undefined) continue;
            // Flink puts headers into a map: with a repeated name the last one wins.
            const last = Array.isArray(raw) ? raw[raw.length - 1] : raw;
            entries.push([
              name,
              typeof last === "string"
                ? new TextEncoder().encode(last)
                : new Uint8Array(last as Uint8Array),
            ]);
          }
          return new MapValue(entries);
        };
      default:
        return () => null;
    }
  });
  return (key, value, topic, partition, m) =>
    getters.map((g) => g(key, value, topic, partition, m));
}
