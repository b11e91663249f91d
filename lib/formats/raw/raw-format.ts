/**
 * The `raw` format (RawFormatFactory, RawFormatSerializationSchema,
 * RawFormatDeserializationSchema, Flink 1.20): a single physical column written as its bytes —
 * strings in the charset, numbers in the configured byte order, BYTES as they are; a null value
 * is written as no value at all (a Kafka tombstone).
 */
import { option, type ConfigOption } from "@/lib/options/config-option";
import {
  FormatError,
  type FormatContext,
  type FormatFactory,
  type FormatIssue,
  type RowDeserializer,
  type RowSerializer,
} from "@/lib/formats/format";
import { FormatOptions } from "@/lib/formats/common/format-options";
import {
  typeToString,
  type LogicalType,
  type LogicalTypeKind,
  type Value,
} from "@/lib/types/logical-type";
import { charsetForName, SUPPORTED_CHARSETS, type Charset } from "./charsets";

export const RAW_OPTIONS: readonly ConfigOption[] = [
  option("charset", { kind: "string" }, "Defines the string charset.", "UTF-8"),
  option(
    "endianness",
    { kind: "string" },
    "Defines the endianness for bytes of numeric value.",
    "big-endian",
  ),
];

const SUPPORTED: ReadonlySet<LogicalTypeKind> = new Set([
  "CHAR",
  "VARCHAR",
  "BINARY",
  "VARBINARY",
  "BOOLEAN",
  "TINYINT",
  "SMALLINT",
  "INT",
  "BIGINT",
  "FLOAT",
  "DOUBLE",
]);

/** Byte length Flink insists on when reading each fixed-size type, with its type name. */
const FIXED_LENGTH: Partial<Record<LogicalTypeKind, [number, string]>> = {
  BOOLEAN: [1, "BOOLEAN"],
  TINYINT: [1, "TINYINT"],
  SMALLINT: [2, "SMALLINT"],
  INT: [4, "INT"],
  BIGINT: [8, "BIGINT"],
  FLOAT: [4, "FLOAT"],
  DOUBLE: [8, "DOUBLE"],
};

interface RawConfig {
  charset: Charset;
  littleEndian: boolean;
  type: LogicalType;
}

function issues(ctx: FormatContext): FormatIssue[] {
  const o = FormatOptions.of(ctx, RAW_OPTIONS);
  const out: FormatIssue[] = [];
  const endianness = o.string("endianness")!;
  if (endianness.toLowerCase() !== "big-endian" && endianness.toLowerCase() !== "little-endian") {
    out.push({
      severity: "error",
      option: "endianness",
      message: `Unsupported endianness name: ${endianness}. Valid values of 'raw.endianness' option are 'big-endian' and 'little-endian'.`,
    });
  }
  const charset = o.string("charset")!;
  if (!charsetForName(charset)) {
    out.push({
      severity: "error",
      option: "charset",
      message: `Unsupported 'raw.charset' name: ${charset}. Tributary encodes ${SUPPORTED_CHARSETS.join(", ")}.`,
    });
  }
  const fields = ctx.rowType.fields;
  if (fields.length !== 1) {
    const schema = fields.map((f) => `\`${f.name}\` ${typeToString(f.type)}`).join(", ");
    out.push({
      severity: "error",
      message: `The 'raw' format only supports single physical column. However the defined schema contains multiple physical columns: [${schema}]`,
    });
  } else if (!SUPPORTED.has(fields[0].type.kind)) {
    out.push({
      severity: "error",
      column: fields[0].name,
      message: `The 'raw' format doesn't supports '${typeToString(fields[0].type)}' as column type.`,
    });
  }
  return out;
}

function config(ctx: FormatContext): RawConfig {
  const error = issues(ctx).find((i) => i.severity === "error");
  if (error) throw new FormatError(error.message, error.column);
  const o = FormatOptions.of(ctx, RAW_OPTIONS);
  return {
    charset: charsetForName(o.string("charset")!)!,
    littleEndian: o.string("endianness")!.toLowerCase() === "little-endian",
    type: ctx.rowType.fields[0].type,
  };
}

function encoder(c: RawConfig): (v: Value) => Uint8Array {
  const fixed = (size: number, write: (view: DataView, v: Value) => void) => (v: Value) => {
    const out = new Uint8Array(size);
    write(new DataView(out.buffer), v);
    return out;
  };
  const le = c.littleEndian;
  switch (c.type.kind) {
    case "CHAR":
    case "VARCHAR":
      return (v) => c.charset.encode(v as string);
    case "BINARY":
    case "VARBINARY":
      return (v) => v as Uint8Array;
    case "BOOLEAN":
      return (v) => new Uint8Array([v ? 1 : 0]);
    case "TINYINT":
      return fixed(1, (d, v) => d.setInt8(0, v as number));
    case "SMALLINT":
      return fixed(2, (d, v) => d.setInt16(0, v as number, le));
    case "INT":
      return fixed(4, (d, v) => d.setInt32(0, v as number, le));
    case "BIGINT":
      return fixed(8, (d, v) => d.setBigInt64(0, BigInt(v as bigint | number), le));
    case "FLOAT":
      return fixed(4, (d, v) => d.setFloat32(0, v as number, le));
    case "DOUBLE":
      return fixed(8, (d, v) => d.setFloat64(0, v as number, le));
    default:
      throw new FormatError(`'raw' format currently doesn't support type: ${typeToString(c.type)}`);
  }
}

function decoder(c: RawConfig): (b: Uint8Array) => Value {
  const le = c.littleEndian;
  const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
  switch (c.type.kind) {
    case "CHAR":
    case "VARCHAR":
      return (b) => c.charset.decode(b);
    case "BINARY":
    case "VARBINARY":
      return (b) => b.slice();
    case "BOOLEAN":
      return (b) => b[0] !== 0;
    case "TINYINT":
      return (b) => view(b).getInt8(0);
    case "SMALLINT":
      return (b) => view(b).getInt16(0, le);
    case "INT":
      return (b) => view(b).getInt32(0, le);
    case "BIGINT":
      return (b) => view(b).getBigInt64(0, le);
    case "FLOAT":
      return (b) => view(b).getFloat32(0, le);
    case "DOUBLE":
      return (b) => view(b).getFloat64(0, le);
    default:
      throw new FormatError(`'raw' format currently doesn't support type: ${typeToString(c.type)}`);
  }
}

export const rawFormat: FormatFactory = {
  identifier: "raw",
  schemaless: "text",
  requiredOptions: [],
  optionalOptions: RAW_OPTIONS,
  changelogMode: "insert-only",
  validate: issues,

  createSerializer(ctx): RowSerializer {
    const c = config(ctx);
    const encode = encoder(c);
    const column = ctx.rowType.fields[0].name;
    return {
      serialize(row) {
        const v = row.values[0] ?? null;
        if (v === null) return null;
        try {
          return encode(v);
        } catch (e) {
          throw new FormatError(
            `Could not serialize row '${row.kind}(${String(v)})'. ${(e as Error).message}`,
            column,
          );
        }
      },
    };
  },

  createDeserializer(ctx): RowDeserializer {
    const c = config(ctx);
    const decode = decoder(c);
    const fixed = FIXED_LENGTH[c.type.kind];
    const column = ctx.rowType.fields[0].name;
    return {
      deserializeNull: () => [{ kind: "+I", values: [null] }],
      deserialize(bytes) {
        if (fixed && bytes.length !== fixed[0]) {
          throw new FormatError(
            `Size of data received for deserializing ${fixed[1]} type is not ${fixed[0]}.`,
            column,
          );
        }
        return [{ kind: "+I", values: [decode(bytes)] }];
      },
    };
  },
};
