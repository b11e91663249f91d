/**
 * Metadata columns as Flink resolves them against a connector: the connector's readable and
 * writable keys and types and the value format's readable keys under the `value.` prefix, as their
 * descriptors declare them (`metadata` in lib/connectors, `readableMetadata` in lib/formats), and
 * Flink's messages from DynamicSourceUtils / DynamicSinkUtils.validateAndApplyMetadata.
 */
import type { CatalogTable } from "@/lib/sql/catalog";
import { diagnostic, type Diagnostic } from "@/lib/sql/diagnostic";
import { supportsExplicitCast } from "@/lib/sql/types";
import { typeToString, type LogicalType } from "@/lib/types/logical-type";
import type { TableRole } from "@/lib/connectors/table";
import type { ConnectorMetadata } from "@/lib/connectors/factory";
import { getConnectorFactory } from "@/lib/connectors/registry";
import { getFormatFactory } from "@/lib/formats/registry";
import { isSecretPlaceholder } from "@/lib/sql/options";

type Options = ReadonlyMap<string, string>;

function connectorMetadata(options: Options): ConnectorMetadata | undefined {
  return getConnectorFactory(options.get("connector") ?? "")?.metadata;
}

/** The value format's identifier, from the option the connector names it with. */
function valueFormat(options: Options): string {
  const via = getConnectorFactory(options.get("connector") ?? "")?.valueFormatOption?.(options);
  return (via && options.get(via)) ?? "";
}

/** The keys a source table can read, value format's first; null when its connector reads none. */
export function readableMetadata(table: CatalogTable): Array<[string, LogicalType]> | null {
  return readableMetadataOf(table.options);
}

function readableMetadataOf(options: Options): Array<[string, LogicalType]> | null {
  const metadata = connectorMetadata(options);
  if (!metadata) return null;
  const format = valueFormat(options);
  const fromFormat =
    metadata.valueFormatMetadata && format && !isSecretPlaceholder(format)
      ? (getFormatFactory(format)?.readableMetadata ?? [])
      : [];
  return [
    ...fromFormat.map(({ key, type }) => [`value.${key}`, type] as [string, LogicalType]),
    ...metadata.readable.map(({ key, type }) => [key, type] as [string, LogicalType]),
  ];
}

/**
 * What the connector validator (lib/connectors) leaves to the planner: that a metadata column's
 * declared type is castable from (source) / to (sink) the metadata type, and that a source's
 * `value.*` key exists in its value format. Unknown connector keys and connectors without metadata
 * support are reported by lib/connectors.
 */
export function validateMetadataColumns(table: CatalogTable, role: TableRole): Diagnostic[] {
  const metadata = connectorMetadata(table.options);
  if (!metadata) return [];
  const name = table.path.join(".");
  const out: Diagnostic[] = [];
  const readable = readableMetadata(table)!;
  const available =
    role === "source"
      ? readable
      : metadata.writable(table.options).map(({ key, type }) => [key, type] as const);
  const format = valueFormat(table.options);
  for (const c of table.columns) {
    if (c.kind !== "metadata" || (role === "sink" && c.virtual)) continue;
    const key = c.metadataKey ?? c.name;
    const entry = available.find(([k]) => k === key);
    if (!entry) {
      if (role === "source" && key.startsWith("value.") && !isSecretPlaceholder(format)) {
        const keys = readable.map(([k]) => k);
        out.push(
          diagnostic(
            "error",
            `Invalid metadata key '${key}' in column '${c.name}' of table '${name}'. The DynamicTableSource class '${metadata.sourceClass}' supports the following metadata keys for reading:\n${keys.join("\n")}`,
            c.span,
          ),
        );
      }
      continue;
    }
    const metaType = entry[1];
    const ok =
      role === "source"
        ? supportsExplicitCast(metaType, c.type)
        : supportsExplicitCast(c.type, metaType);
    if (!ok) {
      out.push(
        diagnostic(
          "error",
          `Invalid data type for metadata column '${c.name}' of table '${name}'. The column cannot be declared as '${typeToString(c.type)}' because the type must be castable ${role === "source" ? "from" : "to"} metadata type '${typeToString(metaType)}'.`,
          c.span,
        ),
      );
    }
  }
  return out;
}

export interface MetadataKeyInfo {
  key: string;
  type: LogicalType;
  /** Whether a source reads it, a sink writes it, or both. */
  access: "read" | "write" | "read/write";
}

/** Every metadata key a table with these options can declare (for completion), readable first. */
export function metadataKeysOf(options: Options): MetadataKeyInfo[] {
  const metadata = connectorMetadata(options);
  if (!metadata) return [];
  const writable = new Map(metadata.writable(options).map((m) => [m.key, m.type]));
  const out: MetadataKeyInfo[] = (readableMetadataOf(options) ?? []).map(([key, type]) => ({
    key,
    type,
    access: writable.has(key) ? "read/write" : "read",
  }));
  for (const [key, type] of writable)
    if (!out.some((m) => m.key === key)) out.push({ key, type, access: "write" });
  return out;
}
