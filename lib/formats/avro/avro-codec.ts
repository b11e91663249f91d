/**
 * A table row ↔ Avro datum bytes, in binary or JSON encoding: the parts of
 * AvroRowDataSerializationSchema / AvroRowDataDeserializationSchema shared by `avro` and
 * `avro-confluent`.
 */
import { FormatError } from "@/lib/formats/format";
import { utf8Decode, utf8Encode } from "@/lib/formats/common/text";
import { parseJson } from "@/lib/formats/json/json-node";
import type { LogicalType, Value } from "@/lib/types/logical-type";
import { AvroReader, AvroWriter } from "./avro-binary";
import { createFromAvro, createToAvro, type FromAvro, type ToAvro } from "./avro-converters";
import { readAvroJson, writeAvroJson } from "./avro-json";
import type { AvroSchema } from "./avro-schema";
import type { AvroConfig } from "./avro-options";

type Row = Extract<LogicalType, { kind: "ROW" }>;

export class AvroRowEncoder {
  private readonly toAvro: ToAvro;
  private written = 0;

  constructor(
    rowType: Row,
    readonly schema: AvroSchema,
    private readonly config: AvroConfig,
  ) {
    this.toAvro = createToAvro({ ...rowType, nullable: false }, config.legacyTimestampMapping);
  }

  encode(values: Value[]): Uint8Array {
    try {
      const datum = this.toAvro(values);
      if (this.config.encoding === "json") {
        const text = writeAvroJson(this.schema, datum);
        return utf8Encode((this.written++ > 0 ? "\n" : "") + text);
      }
      const w = new AvroWriter();
      w.datum(this.schema, datum);
      return w.bytes();
    } catch (e) {
      throw new FormatError(
        `Failed to serialize row. ${(e as Error).message}`,
        (e as { field?: string }).field,
      );
    }
  }

  /** Appends the binary datum to a prefix (the Confluent wire header). */
  encodeAfter(prefix: Uint8Array, values: Value[]): Uint8Array {
    const body = this.encode(values);
    const out = new Uint8Array(prefix.length + body.length);
    out.set(prefix);
    out.set(body, prefix.length);
    return out;
  }
}

export class AvroRowDecoder {
  private readonly fromAvro: FromAvro;

  /** `writer` is the schema the bytes were written with; `reader` how the table sees them. */
  constructor(
    rowType: Row,
    private readonly writer: AvroSchema,
    private readonly config: AvroConfig,
  ) {
    this.fromAvro = createFromAvro({ ...rowType, nullable: false }, writer);
  }

  decode(bytes: Uint8Array, offset = 0): Value[] {
    if (this.config.encoding === "json") {
      return this.fromAvro(
        readAvroJson(this.writer, parseJson(utf8Decode(bytes.subarray(offset)))),
      ) as Value[];
    }
    return this.fromAvro(new AvroReader(bytes, offset).datum(this.writer)) as Value[];
  }
}
