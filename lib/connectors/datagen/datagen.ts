/**
 * The `datagen` connector (Flink 1.20 DataGenTableSourceFactory / DataGenConnectorOptions, source
 * only): per physical column a `random` (default) or `sequence` generator configured by
 * `fields.<col>.*`. Which per-field keys are accepted depends on the generator and the column type,
 * as RandomGeneratorVisitor / SequenceGeneratorVisitor declare them; anything else is unsupported.
 */
import { type ConfigOption, option } from "@/lib/options/config-option";
import type { LogicalType } from "@/lib/types/logical-type";
import { typeToString } from "@/lib/types/logical-type";
import type { ConnectorContext, ConnectorFactory } from "../factory";
import { physicalColumns } from "../factory";
import { rejectMetadataColumns } from "../metadata-support";
import type { DataGenFieldGenerator, ResolvedDataGenTable } from "./resolved";

export const ROWS_PER_SECOND = option(
  "rows-per-second",
  { kind: "long" },
  "Rows per second to control the emit rate.",
  "10000",
);
export const NUMBER_OF_ROWS = option(
  "number-of-rows",
  { kind: "long" },
  "Total number of rows to emit. By default, the source is unbounded.",
);
export const SOURCE_PARALLELISM = option(
  "scan.parallelism",
  { kind: "int" },
  "Parallelism of the source.",
);

/** The `fields.#.*` placeholders Flink lists as optional options. */
const FIELD_PLACEHOLDERS: readonly ConfigOption[] = [
  option(
    "fields.#.kind",
    { kind: "string" },
    "Generator of this '#' field. Can be 'sequence' or 'random'.",
    "random",
  ),
  option(
    "fields.#.min",
    { kind: "string" },
    "Minimum value to generate for fields of kind 'random'.",
  ),
  option(
    "fields.#.max",
    { kind: "string" },
    "Maximum value to generate for fields of kind 'random'.",
  ),
  option(
    "fields.#.max-past",
    { kind: "duration" },
    "Maximum past relative to now for timestamp fields of kind 'random'.",
  ),
  option(
    "fields.#.length",
    { kind: "int" },
    "Size or length of the collection for string/bytes/array/map/multiset.",
    "100",
  ),
  option(
    "fields.#.var-len",
    { kind: "boolean" },
    "Whether to generate variable-length strings/bytes.",
    "false",
  ),
  option("fields.#.start", { kind: "string" }, "Start value of sequence generator."),
  option("fields.#.end", { kind: "string" }, "End value of sequence generator."),
  option("fields.#.null-rate", { kind: "double" }, "The proportion of null values.", "0.0"),
];

export const datagenConnector: ConnectorFactory<ResolvedDataGenTable> = {
  identifier: "datagen",
  roles: ["source"],
  requiredOptions: [],
  optionalOptions: [ROWS_PER_SECOND, NUMBER_OF_ROWS, SOURCE_PARALLELISM, ...FIELD_PLACEHOLDERS],
  changelogMode: () => "insert-only",
  validate: validateDataGen,
};

type Shape =
  | "integral"
  | "floating"
  | "decimal"
  | "string"
  | "bytes"
  | "boolean"
  | "time"
  | "timestamp"
  | "collection"
  | "other";

function shapeOf(t: LogicalType): Shape {
  switch (t.kind) {
    case "TINYINT":
    case "SMALLINT":
    case "INT":
    case "BIGINT":
      return "integral";
    case "FLOAT":
    case "DOUBLE":
      return "floating";
    case "DECIMAL":
      return "decimal";
    case "CHAR":
    case "VARCHAR":
      return "string";
    case "BINARY":
    case "VARBINARY":
      return "bytes";
    case "BOOLEAN":
      return "boolean";
    case "DATE":
    case "TIME":
      return "time";
    case "TIMESTAMP":
    case "TIMESTAMP_LTZ":
      return "timestamp";
    case "ARRAY":
    case "MAP":
    case "MULTISET":
    case "ROW":
      return "collection";
    default:
      return "other";
  }
}

/** The per-field keys (after `fields.<col>.`) each generator accepts for a column type. */
function acceptedKeys(kind: "random" | "sequence", t: LogicalType): ConfigOption[] | undefined {
  const o = (key: string) => FIELD_PLACEHOLDERS.find((p) => p.key === `fields.#.${key}`)!;
  const shape = shapeOf(t);
  const nullRate = o("null-rate");
  if (kind === "sequence") {
    if (["integral", "floating", "decimal", "string", "bytes"].includes(shape))
      return [o("start"), o("end"), nullRate];
    if (shape === "boolean" || shape === "time" || shape === "timestamp") return [nullRate];
    return undefined;
  }
  switch (shape) {
    case "integral":
    case "floating":
    case "decimal":
      return [o("min"), o("max"), nullRate];
    case "string":
    case "bytes":
      return t.kind === "VARCHAR" || t.kind === "VARBINARY"
        ? [o("length"), o("var-len"), nullRate]
        : [o("length"), nullRate];
    case "collection":
      return t.kind === "ROW" ? [nullRate] : [o("length"), nullRate];
    case "timestamp":
      return [o("max-past"), nullRate];
    case "boolean":
    case "time":
      return [nullRate];
    default:
      return undefined;
  }
}

function numericType(t: LogicalType): ConfigOption["type"] {
  return t.kind === "BIGINT"
    ? { kind: "long" }
    : shapeOf(t) === "integral"
      ? { kind: "int" }
      : { kind: "double" };
}

function validateDataGen(ctx: ConnectorContext): ResolvedDataGenTable | undefined {
  const o = ctx.options;
  o.declare([ROWS_PER_SECOND, NUMBER_OF_ROWS, SOURCE_PARALLELISM]);
  let ok = rejectMetadataColumns(ctx);
  const rowsPerSecond = o.read<number>(ROWS_PER_SECOND);
  const numberOfRows = o.read<number>(NUMBER_OF_ROWS);
  const parallelism = o.read<number>(SOURCE_PARALLELISM);
  if ([rowsPerSecond, numberOfRows, parallelism].some((r) => r.state === "invalid")) ok = false;

  const fields: ResolvedDataGenTable["fields"] = [];
  physicalColumns(ctx.table).forEach((column, index) => {
    const prefix = `fields.${column.name}.`;
    const kindKey = `${prefix}kind`;
    o.consume(kindKey);
    const kindOption = o.option(kindKey);
    const kind = kindOption?.value ?? "random";
    if (kind !== "random" && kind !== "sequence") {
      o.error(`Unsupported generator kind: ${kind}`, kindOption!.valueSpan);
      ok = false;
      return;
    }
    const accepted = acceptedKeys(kind, column.type);
    if (!accepted) {
      o.error(
        `Unsupported type: ${typeToString(column.type)} for a '${kind}' generator in column '${column.name}'.`,
        kindOption?.valueSpan ?? column.span,
      );
      ok = false;
      return;
    }
    const perField = accepted.map((a) => ({
      ...a,
      key: a.key.replace("fields.#.", ""),
      type:
        a.key.endsWith(".min") ||
        a.key.endsWith(".max") ||
        a.key.endsWith(".start") ||
        a.key.endsWith(".end")
          ? numericOrString(column.type)
          : a.type,
    }));
    o.declare(perField, prefix);
    const values: Record<string, string | number | boolean | undefined> = {};
    for (const f of perField) {
      const r = o.read<number | boolean | string>(f, undefined, prefix);
      if (r.state === "invalid") ok = false;
      if (r.state === "value") values[f.key] = r.value;
      if (r.state === "secret") values[f.key] = r.option.value;
    }
    const nullRate = (values["null-rate"] as number | undefined) ?? 0;
    let generator: DataGenFieldGenerator;
    if (kind === "sequence") {
      const needsBounds = perField.some((f) => f.key === "start");
      for (const bound of needsBounds ? ["start", "end"] : []) {
        if (!o.option(prefix + bound)) {
          o.error(
            `Could not find required property '${prefix}${bound}' for sequence generator.`,
            kindOption!.valueSpan,
          );
          ok = false;
        }
      }
      generator = {
        kind: "sequence",
        start: o.raw(`${prefix}start`) ?? "",
        end: o.raw(`${prefix}end`) ?? "",
        nullRate,
      };
    } else {
      generator = {
        kind: "random",
        min: o.raw(`${prefix}min`),
        max: o.raw(`${prefix}max`),
        maxPastMillis: values["max-past"] as number | undefined,
        length: (values["length"] as number | undefined) ?? 100,
        varLen: (values["var-len"] as boolean | undefined) ?? false,
        nullRate,
      };
      const min = values["min"];
      const max = values["max"];
      if (typeof min === "number" && typeof max === "number" && min > max) {
        o.error(
          `'${prefix}min' (${min}) must not be greater than '${prefix}max' (${max}).`,
          o.option(`${prefix}min`)!.valueSpan,
        );
        ok = false;
      }
    }
    fields.push({ index, name: column.name, type: column.type, generator });
  });

  if (!ok) return undefined;
  return {
    connector: "datagen",
    role: "source",
    rowsPerSecond: rowsPerSecond.state === "value" ? rowsPerSecond.value : 10000,
    numberOfRows: numberOfRows.state === "value" ? numberOfRows.value : undefined,
    scanParallelism: parallelism.state === "value" ? parallelism.value : undefined,
    fields,
    changelogMode: "insert-only",
  };
}

function numericOrString(t: LogicalType): ConfigOption["type"] {
  const shape = shapeOf(t);
  // Sequences over strings and bytes count with longs (SequenceGeneratorVisitor).
  if (shape === "string" || shape === "bytes") return { kind: "long" };
  return numericType(t);
}
