/**
 * JsonRowDataSerializationSchema / JsonRowDataDeserializationSchema over a ROW type, reused by
 * the changelog JSON formats for their envelopes.
 */
import { FormatError } from "@/lib/formats/format";
import { utf8Decode } from "@/lib/formats/common/text";
import { Utf8Slab } from "@/lib/formats/common/utf8-slab";
import type { LogicalType, Value } from "@/lib/types/logical-type";
import type { JsonDecodingConfig, JsonEncodingConfig } from "./json-options";
import { parseJson, type JsonNode } from "./json-node";
import { createJsonConverter, JsonEncodeError } from "./row-to-json";
import { createJsonToRowConverter, JsonDecodeError } from "./json-to-row";

/** GenericRowData.toString()-like rendering for error messages: `+I(1,abc)`. */
export function rowSummary(kind: string, values: readonly Value[]): string {
  return `${kind}(${values.map((v) => (v === null ? "null" : typeof v === "object" && !Array.isArray(v) && !(v instanceof Uint8Array) ? v.toString() : String(v))).join(",")})`;
}

export class JsonRowEncoder {
  private readonly convert: (v: Value) => string;
  private readonly bytes = new Utf8Slab();

  constructor(rowType: Extract<LogicalType, { kind: "ROW" }>, config: JsonEncodingConfig) {
    this.convert = createJsonConverter(rowType, config);
  }

  /** Compact JSON bytes of the row; `summary` names the row in Flink's error message. */
  encode(values: Value[], summary: () => string): Uint8Array {
    try {
      return this.bytes.encode(this.convert(values));
    } catch (e) {
      const column = e instanceof JsonEncodeError ? e.field : undefined;
      throw new FormatError(
        `Could not serialize row '${summary()}'. Make sure that the schema matches the input. ${(e as Error).message}`,
        column,
      );
    }
  }
}

export class JsonRowDecoder {
  private readonly convert: (n: JsonNode | undefined) => Value;

  constructor(rowType: Extract<LogicalType, { kind: "ROW" }>, config: JsonDecodingConfig) {
    this.convert = createJsonToRowConverter(rowType, config);
  }

  /** Parses the bytes; throws JsonDecodeError or a syntax error. */
  parse(bytes: Uint8Array): JsonNode {
    return parseJson(utf8Decode(bytes));
  }

  /** The row's values, or null for a JSON null (Flink emits nothing for it). */
  convertNode(node: JsonNode): Value[] | null {
    return this.convert(node) as Value[] | null;
  }
}

export { JsonDecodeError };
