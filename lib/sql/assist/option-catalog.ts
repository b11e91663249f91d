/**
 * The WITH options a table may set, read from the same declarations the validator checks against:
 * the connector factory's options (lib/connectors), its formats' options under their prefixes
 * (lib/formats), and the Kafka client's keys under `properties.` (lib/kafka/client-config).
 * Nothing is listed here that is not declared there. Pure, browser-safe.
 */
import { FLINK_IMPLICIT_OPTIONS } from "@/lib/connectors/factory";
import { FORMAT_OPTION_KEYS, formatPrefix } from "@/lib/connectors/format-discovery";
import { BUILT_IN_PARTITIONERS, SINK_PARTITIONER } from "@/lib/connectors/kafka/kafka-options";
import { connectorIdentifiers, getConnectorFactory } from "@/lib/connectors/registry";
import { formatIdentifiers, getFormatFactory } from "@/lib/formats/registry";
import { CLIENT_CONFIG_KEYS, type ClientConfigKey } from "@/lib/kafka/client-config/catalog";
import { CLIENT_CONFIG_DOCS } from "@/lib/kafka/client-config/docs";
import type {
  ConfigOption,
  Deprecation,
  OptionChange,
  OptionType,
} from "@/lib/options/config-option";

export interface OptionValueInfo {
  value: string;
  doc?: string;
}

export interface OptionInfo {
  key: string;
  type: string;
  defaultValue?: string;
  description: string;
  required: boolean;
  /** Who declares it: "connector 'kafka'", "format 'csv'", "Kafka client". */
  declaredBy: string;
  fallbackKeys?: readonly string[];
  values?: OptionValueInfo[];
  /** The release the option appeared in, when known (`Flink 1.12`). */
  since?: string;
  /** Set when Flink deprecated the option: its notice and what replaces it. */
  deprecated?: Deprecation;
  /** What changed about the option later (a new default), oldest first. */
  changes?: readonly OptionChange[];
}

export interface AssistContext {
  /** Names of stored secrets, for `${secret_values.…}`; undefined when not known. */
  secretNames?: readonly string[];
  /** Class names of the partitioners attached to the job (uploaded resources). */
  partitionerClasses?: readonly string[];
}

const FORMAT_KEYS = FORMAT_OPTION_KEYS;
const PROPERTIES = "properties.";

function typeName(t: OptionType): string {
  switch (t.kind) {
    case "enum":
      return "enum";
    case "list":
      return "list (';'-separated)";
    case "duration":
      return "duration (e.g. '10 s', '5 min')";
    case "memory":
      return "memory size (e.g. '2mb')";
    default:
      return t.kind;
  }
}

function valuesOf(o: ConfigOption): OptionValueInfo[] | undefined {
  if (o.type.kind === "enum")
    return o.type.values.map((value) => ({ value, doc: o.valueDocs?.[value] }));
  if (o.type.kind === "boolean") return [{ value: "true" }, { value: "false" }];
  if (o.valueDocs) return Object.entries(o.valueDocs).map(([value, doc]) => ({ value, doc }));
  return undefined;
}

function fromConfigOption(
  o: ConfigOption,
  prefix: string,
  required: boolean,
  declaredBy: string,
): OptionInfo {
  return {
    key: prefix + o.key,
    type: typeName(o.type),
    defaultValue: o.defaultValue,
    description: o.description,
    required,
    declaredBy,
    fallbackKeys: o.fallbackKeys?.map((k) => prefix + k),
    values: valuesOf(o),
    ...(o.since ? { since: o.since } : {}),
    ...(o.deprecated ? { deprecated: o.deprecated } : {}),
    ...(o.changes?.length ? { changes: o.changes } : {}),
  };
}

function fromClientKey(k: ClientConfigKey): OptionInfo {
  const roles = Object.keys(k.defaults) as Array<keyof typeof k.defaults>;
  const defaults = [...new Set(roles.map((r) => k.defaults[r]))];
  const values =
    k.validator?.kind === "in"
      ? k.validator.values.map((value) => ({ value }))
      : k.type === "boolean"
        ? [{ value: "true" }, { value: "false" }]
        : undefined;
  return {
    key: PROPERTIES + k.key,
    type: k.type,
    defaultValue:
      defaults.length === 1 && defaults[0] !== null && defaults[0] !== ""
        ? (defaults[0] ?? undefined)
        : undefined,
    description:
      (CLIENT_CONFIG_DOCS[k.key] ?? `Kafka client setting '${k.key}'.`) +
      (k.application.kind === "ignored"
        ? ` (Without effect in Tributary: ${k.application.reason}.)`
        : ""),
    required: false,
    declaredBy: `Kafka client (${roles.join(", ")})`,
    values,
  };
}

/** Expands a `fields.#.kind` template key with the table's column names. */
function expandTemplate(info: OptionInfo, columns: readonly string[]): OptionInfo[] {
  if (!info.key.includes("#")) return [info];
  return columns.map((c) => ({ ...info, key: info.key.replace("#", c) }));
}

/**
 * Every option a table with these options (so far) may set: the connector's, then the formats'
 * named by its format keys, then — for connectors that take `properties.*` — the Kafka client's.
 * Without a known connector, only 'connector' itself.
 */
export function optionsForTable(
  options: ReadonlyMap<string, string>,
  columns: readonly string[] = [],
): OptionInfo[] {
  const connector = options.get("connector");
  const factory = connector !== undefined ? getConnectorFactory(connector) : undefined;
  const implicit = FLINK_IMPLICIT_OPTIONS.map((o) =>
    fromConfigOption(o, "", o.key === "connector", "Flink"),
  );
  if (!factory) return implicit.filter((o) => o.key === "connector");
  const by = `connector '${factory.identifier}'`;
  const result: OptionInfo[] = [
    ...implicit,
    ...factory.requiredOptions.map((o) => fromConfigOption(o, "", true, by)),
    ...factory.optionalOptions.map((o) => fromConfigOption(o, "", false, by)),
  ].flatMap((o) => expandTemplate(o, columns));
  const declared = new Set(result.map((o) => o.key));
  for (const formatKey of FORMAT_KEYS) {
    const identifier = options.get(formatKey);
    const format = identifier !== undefined ? getFormatFactory(identifier) : undefined;
    if (!declared.has(formatKey) || !format || identifier === undefined) continue;
    const prefix = formatPrefix(formatKey, identifier);
    const fby = `format '${identifier}' (${formatKey})`;
    result.push(
      ...format.requiredOptions.map((o) => fromConfigOption(o, prefix, true, fby)),
      ...format.optionalOptions.map((o) => fromConfigOption(o, prefix, false, fby)),
    );
  }
  if ([...declared].some((k) => k.startsWith(PROPERTIES))) {
    for (const k of CLIENT_CONFIG_KEYS)
      if (!declared.has(PROPERTIES + k.key)) result.push(fromClientKey(k));
  }
  return result;
}

/**
 * One option's description for hover: looked up in the table's context, or — when the table's
 * connector is not known yet — in any connector that declares it.
 */
export function optionInfo(
  key: string,
  options: ReadonlyMap<string, string>,
): OptionInfo | undefined {
  const matches = (o: OptionInfo) => o.key === key || (o.fallbackKeys ?? []).includes(key);
  const inTable = optionsForTable(options).find(matches);
  if (inTable) return inTable;
  for (const id of connectorIdentifiers()) {
    const found = optionsForTable(new Map([...options, ["connector", id]])).find(matches);
    if (found) return found;
  }
  return undefined;
}

/** The values an option may take, as completion offers them. */
export function valuesForOption(
  key: string,
  options: ReadonlyMap<string, string>,
  ctx: AssistContext = {},
): OptionValueInfo[] {
  if (key === "connector")
    return connectorIdentifiers().map((id) => {
      const f = getConnectorFactory(id)!;
      return { value: id, doc: `Connector '${id}' (${f.roles.join(" and ")}).` };
    });
  if ((FORMAT_KEYS as readonly string[]).includes(key))
    return formatIdentifiers().map((id) => ({ value: id, doc: `Format '${id}'.` }));
  if (key === SINK_PARTITIONER.key) {
    const builtIn = BUILT_IN_PARTITIONERS.map((value) => ({
      value,
      doc: SINK_PARTITIONER.valueDocs?.[value],
    }));
    const attached = (ctx.partitionerClasses ?? []).map((value) => ({
      value,
      doc: "A custom partitioner attached to the job.",
    }));
    return [...builtIn, ...attached];
  }
  return optionInfo(key, options)?.values ?? [];
}

/** The one-line summary completion shows beside an option: type, required, default, since. */
export function optionDetail(info: OptionInfo): string {
  return (
    `${info.type} · ${info.required ? "required" : "optional"}` +
    (info.defaultValue !== undefined ? ` · default ${info.defaultValue || "''"}` : "") +
    (info.since ? ` · since ${info.since}` : "") +
    (info.deprecated ? " · deprecated" : "")
  );
}

/** Markdown for completion details and hover. */
export function optionMarkdown(info: OptionInfo): string {
  const lines = [
    `**'${info.key}'** · ${info.type} · ${info.required ? "required" : "optional"}` +
      (info.defaultValue !== undefined ? ` · default \`${info.defaultValue || "''"}\`` : "") +
      (info.since ? ` · since ${info.since}` : ""),
    "",
    info.description,
  ];
  if (info.deprecated)
    lines.push(
      "",
      `**Deprecated:** ${info.deprecated.message}` +
        (info.deprecated.since ? ` (since ${info.deprecated.since})` : ""),
    );
  for (const c of info.changes ?? []) lines.push("", `_Since ${c.since}:_ ${c.change}`);
  if (info.values?.length) {
    lines.push("", "Values:");
    for (const v of info.values) lines.push(`- \`${v.value}\`${v.doc ? ` — ${v.doc}` : ""}`);
  }
  if (info.fallbackKeys?.length)
    lines.push("", `Also accepted as: ${info.fallbackKeys.map((k) => `'${k}'`).join(", ")}`);
  lines.push("", `_Declared by ${info.declaredBy}._`);
  return lines.join("\n");
}
