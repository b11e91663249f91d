/** Serialization and deserialization throughput of the row formats the runtime uses most. */
import type { BenchResult } from "./measure";
import { throughput } from "./measure";
import {
  Decimal,
  T,
  Timestamp,
  type ChangelogRow,
  type LogicalType,
} from "@/lib/types/logical-type";
import { getFormatFactory } from "@/lib/formats/registry";

const rowType = T.row([
  { name: "id", type: T.bigint() },
  { name: "name", type: T.string() },
  { name: "city", type: T.string() },
  { name: "score", type: T.double() },
  { name: "amount", type: T.decimal(10, 2) },
  { name: "ts", type: T.timestamp(3) },
]) as Extract<LogicalType, { kind: "ROW" }>;

const row: ChangelogRow = {
  kind: "+I",
  values: [
    123456789n,
    "Ada Lovelace",
    "London, UK",
    0.75,
    new Decimal(1234567n, 2),
    new Timestamp(1_732_000_000_123),
  ],
};

export function benchFormats(): BenchResult[] {
  return ["csv", "json", "avro"].map((id) => {
    const factory = getFormatFactory(id)!;
    const ctx = { options: new Map<string, string>(), rowType, part: "value" as const };
    const serializer = factory.createSerializer(ctx);
    const deserializer = factory.createDeserializer(ctx);
    const bytes = serializer.serialize(row)!;
    const writes = throughput(() => serializer.serialize(row));
    const reads = throughput(() => deserializer.deserialize(bytes));
    return {
      name: `format ${id} (${bytes.length}-byte records)`,
      figures: {
        "serialize records/s": Math.round(writes),
        "deserialize records/s": Math.round(reads),
      },
    };
  });
}
