/**
 * validateTable: a CREATE TABLE checked as Flink 1.20 checks it when a statement reads or writes
 * the table — connector discovery, the connector's and formats' options, their combinations — with
 * Flink's messages, each diagnostic on the option's key or value, the column, or the WITH keyword.
 * Returns the resolved table when there is no error. Browser-safe.
 */
import type { Diagnostic } from "@/lib/sql/diagnostic";
import { hasErrors } from "@/lib/sql/diagnostic";
import { findMalformedPlaceholders } from "@/lib/secrets/placeholders";
import { replaceLiteralFix } from "@/lib/sql/fixes";
import { closestMatch } from "./did-you-mean";
import { FLINK_IMPLICIT_OPTIONS } from "./factory";
import { foreignFormatOptionMessage } from "./format-discovery";
import { type FormatLookup, registryFormatLookup } from "./format-lookup";
import { OptionsContext } from "./options-context";
import { connectorIdentifiers, getConnectorFactory } from "./registry";
import type { ResolvedTable } from "./resolved";
import type { TableDefinition, TableRole } from "./table";
import type { AttachedStoreFile } from "./factory";

export interface ValidateTableContext {
  /** Class names of custom partitioners attached to the job; when given, sink.partitioner must name one. */
  attachedPartitionerClasses?: string[];
  /** No statement uses the table yet (see ConnectorContext.firstUse). */
  firstUse?: boolean;
  /** The attached resources' classes that are no partitioner. */
  attachedOtherClasses?: string[];
  /** The attached key and trust stores (ConnectorContext.attachedStoreFiles). */
  attachedStoreFiles?: readonly AttachedStoreFile[];
  /** Format factories to use instead of lib/formats/registry (tests, previews). */
  formats?: FormatLookup;
}

export interface ValidateTableResult {
  diagnostics: Diagnostic[];
  resolved?: ResolvedTable;
}

export function validateTable(
  table: TableDefinition,
  role: TableRole,
  ctx: ValidateTableContext = {},
): ValidateTableResult {
  const options = new OptionsContext(table);
  const formats = ctx.formats ?? registryFormatLookup;
  options.declare(FLINK_IMPLICIT_OPTIONS);

  for (const option of table.options) {
    for (const bad of findMalformedPlaceholders(option.value)) {
      options.error(
        `Malformed secret placeholder '${bad.text}' in option '${option.key}'; write \${secret_values.<name>}.`,
        option.valueSpan,
      );
    }
  }

  const connectorOption = options.option("connector");
  if (!connectorOption) {
    options.error(
      "Table options do not contain an option key 'connector' for discovering a connector.",
      table.withSpan,
    );
    return { diagnostics: options.diagnostics };
  }
  const identifier = connectorOption.value;
  const factory = getConnectorFactory(identifier);
  if (!factory) {
    const match = closestMatch(identifier, connectorIdentifiers());
    options.error(
      `Could not find any factory for identifier '${identifier}' that implements 'org.apache.flink.table.factories.DynamicTableFactory' in the classpath.\n\n` +
        `Available factory identifiers are:\n\n${connectorIdentifiers().join("\n")}` +
        (match ? `\n\nDid you mean '${match}'?` : ""),
      connectorOption.valueSpan,
      replaceLiteralFix(connectorOption.valueSpan, match),
    );
    return { diagnostics: options.diagnostics };
  }
  if (!factory.roles.includes(role)) {
    options.error(
      role === "source"
        ? `Connector '${identifier}' can only be used as a sink. It cannot be used as a source.`
        : `Connector '${identifier}' can only be used as a source. It cannot be used as a sink.`,
      connectorOption.valueSpan,
    );
    return { diagnostics: options.diagnostics };
  }

  const resolved = factory.validate({
    table,
    role,
    options,
    formats,
    attachedPartitionerClasses: ctx.attachedPartitionerClasses,
    firstUse: ctx.firstUse,
    attachedOtherClasses: ctx.attachedOtherClasses,
    attachedStoreFiles: ctx.attachedStoreFiles,
  });

  // Flink logs a deprecated option when its factory reads it; the warning sits on its key.
  for (const { option, deprecation } of options.deprecatedInUse())
    options.warning(deprecation.message, option.keySpan);
  reportUnsupported(options, identifier, formats);
  const diagnostics = sortByPosition(options.diagnostics);
  return hasErrors(diagnostics) ? { diagnostics } : { diagnostics, resolved };
}

/** FactoryUtil.validateUnconsumedKeys, one diagnostic per leftover key, with a suggestion. */
function reportUnsupported(
  options: OptionsContext,
  identifier: string,
  formats: FormatLookup,
): void {
  const leftovers = options.unconsumed();
  if (leftovers.length === 0) return;
  const supported = options.consumedKeys();
  const candidates = [...new Set([...supported, ...declaredKeys(identifier)])];
  const valueVia = options.option("format")
    ? "format"
    : options.option("value.format")
      ? "value.format"
      : undefined;
  const tableFormats = {
    keyFormat: options.raw("key.format"),
    valueFormat: valueVia ? options.raw(valueVia) : undefined,
    valueVia,
  } as const;
  for (const option of leftovers) {
    const foreign = foreignFormatOptionMessage(option.key, formats, tableFormats);
    if (foreign) {
      options.error(`Unsupported options found for '${identifier}'. ${foreign}`, option.keySpan);
      continue;
    }
    const match = closestMatch(option.key, candidates);
    options.error(
      `Unsupported options found for '${identifier}'.\n\nUnsupported options:\n\n${option.key}` +
        (match !== undefined
          ? `\n\nDid you mean '${match}'?`
          : `\n\nSupported options:\n\n${candidates
              .filter((k) => !k.includes("#"))
              .sort()
              .join("\n")}`),
      option.keySpan,
      replaceLiteralFix(option.keySpan, match),
    );
  }
}

function declaredKeys(identifier: string): string[] {
  const factory = getConnectorFactory(identifier);
  if (!factory) return [];
  return [...FLINK_IMPLICIT_OPTIONS, ...factory.requiredOptions, ...factory.optionalOptions].map(
    (o) => o.key,
  );
}

function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => a.line - b.line || a.column - b.column);
}
