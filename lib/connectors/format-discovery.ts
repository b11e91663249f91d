/**
 * Format discovery as FactoryUtil.TableFactoryHelper does it: the format identifier comes from
 * `format`, `key.format` or `value.format`; the format's options live under `<id>.`,
 * `key.<id>.` or `value.<id>.` respectively (getFormatPrefix), are consumed by it and projected
 * to the format without the prefix. Browser-safe.
 */
import type { ConfigOption } from "@/lib/options/config-option";
import type { FormatFactory } from "@/lib/formats/format";
import type { ChangelogMode, LogicalType, RowField } from "@/lib/types/logical-type";
import { hasSecretPlaceholder } from "@/lib/secrets/placeholders";
import type { FormatLookup } from "./format-lookup";
import type { OptionsContext } from "./options-context";
import type { ResolvedFormat } from "./resolved";
import type { TableRole } from "./table";

/** The options that name a format: FactoryUtil.FORMAT and the Kafka connectors' key and value formats. */
export const FORMAT_OPTION_KEYS = ["format", "key.format", "value.format"] as const;
export type FormatOptionKey = (typeof FORMAT_OPTION_KEYS)[number];

export function formatPrefix(formatOptionKey: FormatOptionKey, identifier: string): string {
  return formatOptionKey === "format"
    ? `${identifier}.`
    : `${formatOptionKey.slice(0, -".format".length)}.${identifier}.`;
}

/** Flink's ChangelogMode.toString(). */
export function changelogModeString(mode: ChangelogMode): string {
  switch (mode) {
    case "insert-only":
      return "[INSERT]";
    case "upsert":
      return "[INSERT, UPDATE_AFTER, DELETE]";
    case "all":
      return "[INSERT, UPDATE_BEFORE, UPDATE_AFTER, DELETE]";
  }
}

function factoryInterface(role: TableRole): string {
  return role === "sink"
    ? "org.apache.flink.table.factories.SerializationFormatFactory"
    : "org.apache.flink.table.factories.DeserializationFormatFactory";
}

export interface DiscoveredFormat {
  factory: FormatFactory;
  identifier: string;
  prefix: string;
  formatOptionKey: FormatOptionKey;
}

/**
 * Looks up the format named by `formatOptionKey`; reports an unknown identifier with Flink's
 * message and the identifiers Tributary has, and consumes the format's options.
 */
export function discoverFormat(
  ctx: OptionsContext,
  formats: FormatLookup,
  formatOptionKey: FormatOptionKey,
  role: TableRole,
): DiscoveredFormat | undefined {
  const option = ctx.option(formatOptionKey);
  if (!option) return undefined;
  const identifier = option.value;
  const factory = formats.get(identifier);
  if (!factory) {
    ctx.error(
      `Could not find any factory for identifier '${identifier}' that implements '${factoryInterface(role)}' in the classpath.\n\n` +
        `Available factory identifiers are:\n\n${[...formats.identifiers()].sort().join("\n")}`,
      option.valueSpan,
    );
    return undefined;
  }
  const prefix = formatPrefix(formatOptionKey, identifier);
  ctx.declare([...factory.requiredOptions, ...factory.optionalOptions], prefix);
  return { factory, identifier, prefix, formatOptionKey };
}

export interface FormatSetup {
  part: "key" | "value";
  role: TableRole;
  fields: RowField[];
  /** Spans to blame for a column named in a format issue. */
  columnSpan: (name: string) => import("@/lib/sql/diagnostic").SourceSpan | undefined;
  topic?: string;
}

/** Checks the format's options (required, typed, its own validate) and resolves it. */
export function resolveFormat(
  ctx: OptionsContext,
  discovered: DiscoveredFormat,
  setup: FormatSetup,
): ResolvedFormat | undefined {
  const { factory, prefix, identifier } = discovered;
  const kind = setup.role === "sink" ? "sink" : "scan";
  const context = `Error creating ${kind} format '${identifier}' in option space '${prefix}'. `;
  let ok = ctx.requireAll(factory.requiredOptions, prefix, context);

  const options: Record<string, string> = {};
  const declared: ConfigOption[] = [...factory.requiredOptions, ...factory.optionalOptions];
  for (const option of declared) {
    const result = ctx.read(option, undefined, prefix);
    if (result.state === "invalid") ok = false;
    // Only what the table sets: the format applies its own defaults.
    if (result.state !== "absent" && result.option) options[option.key] = result.option.value;
  }
  // Map-typed options such as avro-confluent.properties.* are declared by their prefix.
  for (const key of ctx.keys) {
    if (key.startsWith(prefix) && !(key.slice(prefix.length) in options) && ctx.isConsumed(key)) {
      options[key.slice(prefix.length)] = ctx.raw(key)!;
    }
  }

  const rowType: Extract<LogicalType, { kind: "ROW" }> = {
    kind: "ROW",
    nullable: false,
    fields: setup.fields,
  };

  const optionsForValidation = new Map(
    Object.entries(options).filter(([, v]) => !hasSecretPlaceholder(v)),
  );
  for (const issue of factory.validate({
    options: optionsForValidation,
    rowType,
    topic: setup.topic,
    part: setup.part,
  })) {
    const optionSpan = issue.option
      ? (ctx.option(prefix + issue.option)?.valueSpan ?? ctx.table.withSpan)
      : undefined;
    const span =
      optionSpan ??
      (issue.column ? setup.columnSpan(issue.column) : undefined) ??
      ctx.option(discovered.formatOptionKey)!.valueSpan;
    if (issue.severity === "error") {
      ok = false;
      ctx.error(issue.message, span);
    } else {
      ctx.warning(issue.message, span);
    }
  }

  if (!ok) return undefined;
  return { identifier, options, rowType, changelogMode: factory.changelogMode };
}

/**
 * For an option nobody consumed: if it is `<fmt>.<k>`, `key.<fmt>.<k>` or `value.<fmt>.<k>` of a
 * known format, a message explaining whose option it is; otherwise undefined.
 */
export function foreignFormatOptionMessage(
  key: string,
  formats: FormatLookup,
  tableFormats: {
    format?: string;
    keyFormat?: string;
    valueFormat?: string;
    valueVia: "format" | "value.format" | undefined;
  },
): string | undefined {
  const ids = formats.identifiers().sort((a, b) => b.length - a.length);
  for (const part of ["key.", "value.", ""] as const) {
    if (part && !key.startsWith(part)) continue;
    const rest = key.slice(part.length);
    const id = ids.find((i) => rest.startsWith(`${i}.`));
    if (!id) continue;
    const optionKey = rest.slice(id.length + 1);
    const factory = formats.get(id)!;
    const known = [...factory.requiredOptions, ...factory.optionalOptions].some(
      (o) => o.key === optionKey || (o.fallbackKeys ?? []).includes(optionKey),
    );
    if (!known) {
      return undefined;
    }
    if (part === "key.") {
      return tableFormats.keyFormat === undefined
        ? `'${key}' belongs to key format '${id}' but this table defines no 'key.format'.`
        : `'${key}' belongs to key format '${id}' but this table's key format is '${tableFormats.keyFormat}'.`;
    }
    const valueFormat = tableFormats.valueFormat;
    if (part === "value.") {
      if (valueFormat === id && tableFormats.valueVia === "format") {
        return `'${key}' is not read: the value format is set with 'format', so its options are written '${id}.${optionKey}'.`;
      }
      return valueFormat === undefined
        ? `'${key}' belongs to value format '${id}' but this table defines no value format.`
        : `'${key}' belongs to format '${id}' but this table's value format is '${valueFormat}'.`;
    }
    if (valueFormat === id && tableFormats.valueVia === "value.format") {
      return `'${key}' is not read: the value format is set with 'value.format', so its options are written 'value.${id}.${optionKey}'.`;
    }
    if (tableFormats.keyFormat === id) {
      return `'${key}' is not read: options of the key format are written 'key.${id}.${optionKey}'.`;
    }
    return valueFormat === undefined
      ? `'${key}' belongs to format '${id}' but this table defines no format.`
      : `'${key}' belongs to format '${id}' but this table's value format is '${valueFormat}'.`;
  }
  return undefined;
}
