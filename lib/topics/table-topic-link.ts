/**
 * "Browse topic" from a CREATE TABLE: which topic a kafka / upsert-kafka table reads or writes,
 * on which bootstrap servers, and how the message browser decodes its key and value so that the
 * records read as the table sees them — the table's formats, their options (without the format's
 * prefix, e.g. csv.field-delimiter → field-delimiter) and the columns each part carries, by
 * Flink's rules: value columns are the physical columns (minus the key fields when
 * 'value.fields-include' = 'EXCEPT_KEY'), key columns are
 * 'key.fields' (upsert-kafka: the primary key) with 'key.fields-prefix' removed.
 * Pure and browser-safe (the editor's code lens uses it); the parser is lib/sql's.
 */
import type { CreateTableStmt } from "@/lib/sql/ast";
import type { SourceSpan } from "@/lib/sql/diagnostic";
import { parseScript } from "@/lib/sql/parser";
import { typeToString } from "@/lib/types/logical-type";
import { getConnectorFactory } from "@/lib/connectors/registry";
import { isKafkaConnectorId, isUpsertKafkaConnectorId } from "@/lib/connectors/resolved";
import { formatIdentifiers, getFormatFactory } from "@/lib/formats/registry";

/** The formats the message browser decodes: every registered one (message-decoding.ts). */
const BROWSABLE_FORMATS = new Set(formatIdentifiers());
/** A format whose record is one value (raw): no columns to show. */
const readsColumns = (format: string) => getFormatFactory(format)?.schemaless !== "text";

export interface PartDecoding {
  format: string;
  columns?: string;
  options?: Record<string, string>;
}

export interface TableTopicLink {
  table: string;
  topic: string;
  bootstrapServers: string | null;
  key: PartDecoding;
  value: PartDecoding;
  /** The CREATE TABLE statement (where the code lens goes). */
  span: SourceSpan;
}

const SIMPLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const quoteName = (name: string) =>
  SIMPLE_NAME.test(name) ? name : `\`${name.replace(/`/g, "``")}\``;

/** A format's options: `<format>.x` (and `<part>.<format>.x`) keys, without the prefix. */
function formatOptions(
  options: ReadonlyMap<string, string>,
  format: string,
  prefixes: readonly string[],
): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [key, value] of options)
    for (const prefix of prefixes)
      if (key.startsWith(`${prefix}${format}.`))
        out[key.slice(prefix.length + format.length + 1)] = value;
  return Object.keys(out).length > 0 ? out : undefined;
}

function linkOf(stmt: CreateTableStmt): TableTopicLink | undefined {
  const options = new Map(stmt.options.map((o) => [o.key, o.value]));
  const connector = options.get("connector");
  if (!isKafkaConnectorId(connector)) return undefined;
  const topics = (options.get("topic") ?? "")
    .split(";")
    .map((t) => t.trim())
    .filter((t) => t !== "");
  // One topic to open; a list or a pattern has no single page.
  if (topics.length !== 1 || topics[0].includes("${")) return undefined;

  const physical = stmt.columns.filter((c) => c.kind === "physical");
  const typeOf = new Map(physical.map((c) => [c.name.value, typeToString(c.type.type)]));
  const keyPrefix = options.get("key.fields-prefix") ?? "";
  const keyNames = isUpsertKafkaConnectorId(connector)
    ? (stmt.primaryKey?.columns.map((c) => c.value) ??
      physical.filter((c) => c.primaryKey).map((c) => c.name.value))
    : (options.get("key.fields") ?? "")
        .split(";")
        .map((s) => s.trim())
        .filter((s) => s !== "");
  const include = options.get("value.fields-include") ?? "ALL";
  const columnsText = (names: Array<[string, string]>) =>
    names
      .filter(([, type]) => type !== undefined)
      .map(([name, type]) => `${quoteName(name)} ${type}`)
      .join(", ");

  // `format` wins over `value.format`, as Flink reads them (the descriptor says which is used).
  const valueVia = getConnectorFactory(connector!)?.valueFormatOption?.(options);
  const valueFormat = valueVia && options.get(valueVia);
  const keyFormat = options.get("key.format");
  const part = (
    format: string | undefined,
    columns: Array<[string, string]>,
    prefixes: string[],
  ): PartDecoding => {
    if (!format || !BROWSABLE_FORMATS.has(format)) return { format: "none" };
    const opts = formatOptions(options, format, prefixes);
    const text = columnsText(columns);
    return {
      format,
      ...(text !== "" && readsColumns(format) ? { columns: text } : {}),
      ...(opts ? { options: opts } : {}),
    };
  };
  const valueColumns = physical
    .map((c) => c.name.value)
    .filter((n) => include !== "EXCEPT_KEY" || !keyNames.includes(n))
    .map((n): [string, string] => [n, typeOf.get(n)!]);
  const keyColumns = keyNames
    .filter((n) => typeOf.has(n))
    .map((n): [string, string] => [
      n.startsWith(keyPrefix) ? n.slice(keyPrefix.length) : n,
      typeOf.get(n)!,
    ]);
  return {
    table: stmt.name.parts.map((p) => p.value).join("."),
    topic: topics[0],
    bootstrapServers: options.get("properties.bootstrap.servers") ?? null,
    key: part(keyFormat, keyColumns, ["key."]),
    value: part(valueFormat, valueColumns, valueVia === "value.format" ? ["value."] : [""]),
    span: stmt.span,
  };
}

/** Every CREATE TABLE of the script that names one Kafka topic. */
export function tableTopicLinks(sql: string): TableTopicLink[] {
  const { script } = parseScript(sql);
  const out: TableTopicLink[] = [];
  for (const stmt of script.statements)
    if (stmt.kind === "CreateTable") {
      const link = linkOf(stmt);
      if (link) out.push(link);
    }
  return out;
}

const serverSet = (servers: string) =>
  servers
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== "")
    .sort()
    .join(",");

/** The cluster profile whose bootstrap servers are the table's (same set, any order). */
export function profileForServers<T extends { bootstrapServers: string; isDefault?: boolean }>(
  profiles: readonly T[],
  servers: string | null,
): T | undefined {
  if (servers === null) return undefined;
  const wanted = serverSet(servers);
  return profiles.find((p) => serverSet(p.bootstrapServers) === wanted);
}

/** The topic page, with the table's decoding in `key` and `value` (JSON) for the browser. */
export function topicPageHref(link: TableTopicLink, clusterId?: string): string {
  const q = new URLSearchParams();
  if (clusterId) q.set("cluster", clusterId);
  q.set("key", JSON.stringify(link.key));
  q.set("value", JSON.stringify(link.value));
  q.set("table", link.table);
  return `/topics/${encodeURIComponent(link.topic)}?${q}`;
}
