/**
 * A sink row on its way to a producer record, as Flink's KafkaWriter takes it there: the NOT NULL
 * enforcer, the record's bytes (kafka-record.ts), and the partition a Flink partitioner (`fixed`,
 * a custom one in this heap) or the Java producer's default partitioning chooses. One module for
 * both places it runs: the Kafka sink on the event loop, and an instance's CPU thread
 * (lib/runtime/cpu-thread) when the plan is pipelined.
 */
import type { ResolvedKafkaTable, ResolvedUpsertKafkaTable } from "@/lib/connectors/resolved";
import { FormatError } from "@/lib/formats/format";
import {
  KafkaDefaultPartitioning,
  SinkPartitioning,
  type KafkaPartitioner,
} from "@/lib/partitioners";
import type { SinkColumn } from "@/lib/sql/insert";
import type { RowKind, Value } from "@/lib/types/logical-type";
import { RecordError } from "../failure";
import type { RecordCoordinates } from "../job-runtime";
import { KafkaRecordBuilder, type ProducedRecord } from "./kafka-record";
import { NotNullEnforcer } from "./not-null";

export interface SinkEncoderOptions {
  table: ResolvedKafkaTable | ResolvedUpsertKafkaTable;
  columns: readonly SinkColumn[];
  upsert: boolean;
  instance: number;
  parallelism: number;
  /** A Flink partitioner in this heap (`fixed`, a test's); absent: the producer's default partitioning. */
  flinkPartitioner?: KafkaPartitioner<readonly Value[]>;
  /** The producer's batch.size and partitioner.ignore.keys (its default partitioning). */
  batchSize: number;
  ignoreKeys: boolean;
}

export class SinkEncoder {
  private readonly builder: KafkaRecordBuilder;
  private readonly partitioning: SinkPartitioning<readonly Value[]>;
  private readonly notNull: NotNullEnforcer;
  private readonly upsert: boolean;

  constructor(options: SinkEncoderOptions) {
    this.upsert = options.upsert;
    this.builder = new KafkaRecordBuilder(options.table, options.columns, options.upsert);
    this.partitioning = new SinkPartitioning<readonly Value[]>(
      options.flinkPartitioner,
      new KafkaDefaultPartitioning({
        batchSize: options.batchSize,
        ignoreKeys: options.ignoreKeys,
      }),
      { parallelInstanceId: options.instance, parallelInstances: options.parallelism },
    );
    this.notNull = new NotNullEnforcer(options.columns);
  }

  /** Awaits the formats' I/O set-up (avro-confluent registers its schema), once, before the first record(). */
  open(): Promise<void> {
    return this.builder.open();
  }

  /** The producer record of a sink row, or undefined when the sink writes none for it. */
  record(kind: RowKind, row: Value[], coords: RecordCoordinates): ProducedRecord | undefined {
    // The planner drops UPDATE_BEFORE for upsert sinks; an upsert key only needs the new row.
    if (this.upsert && kind === "-U") return undefined;
    this.notNull.check(row, coords);
    try {
      return this.builder.build(kind, row);
    } catch (error) {
      throw serializationFailure(error, coords);
    }
  }

  /** The partition of a record among its topic's sorted partitions; a bad choice fails at this record. */
  partition(
    record: ProducedRecord,
    row: readonly Value[],
    coords: RecordCoordinates,
    partitions: readonly number[],
  ): number {
    try {
      return this.partitioning.partition(
        row,
        {
          key: record.key,
          value: record.value,
          ...(record.headers ? { headers: record.headers } : {}),
          ...(record.timestamp !== undefined ? { timestamp: record.timestamp } : {}),
        },
        record.topic,
        partitions,
      );
    } catch (error) {
      // A partitioner that throws or names a partition the topic lacks fails the job at this record.
      throw new RecordError(error instanceof Error ? error.message : String(error), coords);
    }
  }
}

export function serializationFailure(error: unknown, coords: RecordCoordinates): unknown {
  if (error instanceof FormatError) {
    return new RecordError(
      `Could not serialize the row for the sink: ${error.message}`,
      error.column !== undefined ? { ...coords, column: error.column } : coords,
      error,
    );
  }
  return error;
}
