/**
 * A sink row as Flink's DynamicKafkaRecordSerializationSchema turns it into a producer record:
 * key fields (in key.fields order) through key.format, value fields through value.format, the
 * writable metadata columns `timestamp`, `headers` and `topic` into the record itself. In upsert
 * mode a DELETE becomes a tombstone (null value).
 */
import { getFormatFactory } from "@/lib/formats/registry";
import { FormatError, type RowSerializer } from "@/lib/formats/format";
import type { ResolvedFormat, ResolvedKafkaCommon } from "@/lib/connectors/resolved";
import type { SinkColumn } from "@/lib/sql/insert";
import { MapValue, Timestamp, type RowKind, type Value } from "@/lib/types/logical-type";

export interface ProducedRecord {
  topic: string;
  key: Uint8Array | null;
  value: Uint8Array | null;
  timestamp?: number;
  headers?: Array<{ key: string; value: Uint8Array }>;
}

export function createRowSerializer(
  format: ResolvedFormat,
  part: "key" | "value",
  topic: string | undefined,
): RowSerializer {
  const factory = getFormatFactory(format.identifier);
  if (!factory)
    throw new Error(`Format '${format.identifier}' is not available in Tributary's runtime.`);
  return factory.createSerializer({
    options: new Map(Object.entries(format.options)),
    rowType: format.rowType,
    part,
    ...(topic !== undefined ? { topic } : {}),
  });
}

export class KafkaRecordBuilder {
  private readonly keySerializer?: RowSerializer;
  private readonly valueSerializer: RowSerializer;
  /** Positions in the sink row of the key fields and of the value fields. */
  private readonly keyPositions: number[];
  private readonly valuePositions: number[];
  private readonly timestampAt: number;
  private readonly headersAt: number;
  private readonly topicAt: number;
  private readonly singleTopic?: string;
  private readonly topicPattern?: RegExp;

  constructor(
    private readonly table: ResolvedKafkaCommon,
    columns: readonly SinkColumn[],
    private readonly upsert: boolean,
  ) {
    const position = (name: string) => {
      const i = columns.findIndex((c) => c.kind === "physical" && c.name === name);
      if (i < 0) throw new Error(`The sink row has no column '${name}'.`);
      return i;
    };
    this.keyPositions = table.keyFields.map((f) => position(f.name));
    this.valuePositions = table.valueFields.map((f) => position(f.name));
    const metadataAt = (key: string) =>
      columns.findIndex((c) => c.kind === "metadata" && (c.metadataKey ?? c.name) === key);
    this.timestampAt = metadataAt("timestamp");
    this.headersAt = metadataAt("headers");
    this.topicAt = metadataAt("topic");
    if (table.topics && table.topics.length === 1) this.singleTopic = table.topics[0];
    if (table.topicPattern !== undefined)
      this.topicPattern = new RegExp(`^(?:${table.topicPattern})$`);
    const fixedTopic = this.singleTopic;
    if (table.keyFormat)
      this.keySerializer = createRowSerializer(table.keyFormat, "key", fixedTopic);
    this.valueSerializer = createRowSerializer(table.valueFormat, "value", fixedTopic);
  }

  /** Awaits the formats' I/O set-up (avro-confluent registers its schema), once, before the first build(). */
  async open(): Promise<void> {
    await this.keySerializer?.open?.();
    await this.valueSerializer.open?.();
  }

  build(kind: RowKind, row: readonly Value[]): ProducedRecord {
    const topic = this.targetTopic(row);
    let key: Uint8Array | null = null;
    if (this.keySerializer) {
      // Flink projects the key row as INSERT whatever the change.
      key = this.keySerializer.serialize({
        kind: "+I",
        values: this.keyPositions.map((i) => row[i]),
      });
    }
    let value: Uint8Array | null;
    if (this.upsert && (kind === "-D" || kind === "-U")) value = null;
    else
      value = this.valueSerializer.serialize({
        kind,
        values: this.valuePositions.map((i) => row[i]),
      });
    const record: ProducedRecord = { topic, key, value };
    if (this.timestampAt >= 0) {
      const ts = row[this.timestampAt];
      if (ts instanceof Timestamp) record.timestamp = ts.epochMillis;
    }
    if (this.headersAt >= 0) {
      const map = row[this.headersAt];
      if (map instanceof MapValue) {
        // Flink 1.20 drops entries with a null key or a null value.
        record.headers = [];
        for (const [k, v] of map.entries) {
          if (k !== null && v !== null)
            record.headers.push({ key: String(k), value: v as Uint8Array });
        }
      }
    }
    return record;
  }

  private targetTopic(row: readonly Value[]): string {
    if (this.singleTopic !== undefined) return this.singleTopic;
    const topic = this.topicAt >= 0 ? (row[this.topicAt] as string | null) : null;
    if (topic === null || topic === undefined) {
      throw new FormatError(
        "The topic of the sink record is not valid. Expected a single topic but no topic is set.",
        "topic",
      );
    }
    if (this.table.topics && !this.table.topics.includes(topic)) {
      throw new FormatError(
        `The topic of the sink record is not valid. Expected topic to be in: [${this.table.topics.join(", ")}] but was: ${topic}`,
        "topic",
      );
    }
    if (this.topicPattern && !this.topicPattern.test(topic)) {
      throw new FormatError(
        `The topic of the sink record is not valid. Expected topic to match: ${this.table.topicPattern} but was: ${topic}`,
        "topic",
      );
    }
    return topic;
  }
}
