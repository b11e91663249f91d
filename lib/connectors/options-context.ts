/**
 * Reading a table's WITH clause the way Flink's FactoryUtil.TableFactoryHelper does: options are
 * "consumed" by the factory that declares them (connector, formats), typed values are parsed on
 * read, and whatever is left over is unsupported. Every problem becomes a positioned diagnostic.
 * Browser-safe.
 */
import type { ConfigOption, Deprecation } from "@/lib/options/config-option";
import { type Diagnostic, type QuickFix, type SourceSpan, diagnostic } from "@/lib/sql/diagnostic";
import { insertOptionsFix, replaceLiteralFix } from "@/lib/sql/fixes";
import { closestMatch } from "./did-you-mean";
import { hasSecretPlaceholder } from "@/lib/secrets/placeholders";
import type { TableDefinition, TableOption } from "./table";
import { invalidOptionMessage, type OptionValue, parseOptionValue } from "./option-values";

export type ReadResult<T> =
  /** Not set (and no default). */
  | { state: "absent" }
  /** A `${secret_values.*}` placeholder: only known at run time. */
  | { state: "secret"; option: TableOption }
  | { state: "invalid"; option: TableOption }
  | { state: "value"; value: T; option?: TableOption };

export class OptionsContext {
  readonly diagnostics: Diagnostic[] = [];
  private readonly byKey = new Map<string, TableOption>();
  private readonly consumed = new Set<string>();
  private readonly reported = new Set<string>();
  /** What declared each key (under its prefix): the option's declaration. */
  private readonly declarations = new Map<string, ConfigOption>();

  constructor(readonly table: TableDefinition) {
    for (const option of table.options) this.byKey.set(option.key, option);
  }

  get keys(): string[] {
    return [...this.byKey.keys()];
  }

  option(key: string): TableOption | undefined {
    return this.byKey.get(key);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** The option under its key or one of its fallback keys. */
  find(option: ConfigOption): TableOption | undefined {
    for (const key of [option.key, ...(option.fallbackKeys ?? [])]) {
      const found = this.byKey.get(key);
      if (found) return found;
    }
    return undefined;
  }

  raw(key: string): string | undefined {
    return this.byKey.get(key)?.value;
  }

  consume(key: string): void {
    this.consumed.add(key);
  }

  /** Every key declared so far, present in the table or not. */
  consumedKeys(): string[] {
    return [...this.consumed];
  }

  isConsumed(key: string): boolean {
    return this.consumed.has(key);
  }

  /** Marks an option (and its fallback keys, under an optional prefix) as known to the factory. */
  declare(options: readonly ConfigOption[], prefix = ""): void {
    for (const option of options) {
      for (const key of [option.key, ...(option.fallbackKeys ?? [])]) {
        this.consumed.add(prefix + key);
        this.declarations.set(prefix + key, option);
      }
    }
  }

  /** The options the table sets whose declaration Flink deprecated, in the table's order. */
  deprecatedInUse(): Array<{ option: TableOption; deprecation: Deprecation }> {
    return this.table.options.flatMap((option) => {
      const deprecation = this.declarations.get(option.key)?.deprecated;
      return deprecation ? [{ option, deprecation }] : [];
    });
  }

  /** Consumes every key with the prefix (FactoryHelper.validateExcept). */
  consumePrefix(prefix: string): void {
    for (const key of this.byKey.keys()) if (key.startsWith(prefix)) this.consumed.add(key);
  }

  unconsumed(): TableOption[] {
    return [...this.byKey.values()].filter((o) => !this.consumed.has(o.key));
  }

  error(message: string, span: SourceSpan, fixes?: readonly QuickFix[]): void {
    this.diagnostics.push(diagnostic("error", message, span, fixes));
  }

  warning(message: string, span: SourceSpan, fixes?: readonly QuickFix[]): void {
    this.diagnostics.push(diagnostic("warning", message, span, fixes));
  }

  /**
   * Reads a typed option (under `prefix` for format options), reporting a bad value once at the
   * value. A default is returned parsed when the option is absent.
   */
  read<T extends OptionValue>(
    option: ConfigOption,
    enumClass?: string,
    prefix = "",
  ): ReadResult<T> {
    const prefixed: ConfigOption = prefix
      ? {
          ...option,
          key: prefix + option.key,
          fallbackKeys: option.fallbackKeys?.map((k) => prefix + k),
        }
      : option;
    const found = this.find(prefixed);
    if (!found) {
      if (option.defaultValue === undefined) return { state: "absent" };
      const parsed = parseOptionValue(option.type, option.defaultValue, enumClass);
      return parsed.ok ? { state: "value", value: parsed.value as T } : { state: "absent" };
    }
    if (hasSecretPlaceholder(found.value)) return { state: "secret", option: found };
    const parsed = parseOptionValue(option.type, found.value, enumClass);
    if (!parsed.ok) {
      if (!this.reported.has(found.key)) {
        this.reported.add(found.key);
        // Flink's message lists the allowed values; the fix picks the closest one.
        const fixes =
          option.type.kind === "enum"
            ? replaceLiteralFix(found.valueSpan, closestMatch(found.value, option.type.values))
            : undefined;
        this.error(
          invalidOptionMessage(found.key, found.value, parsed.reason),
          found.valueSpan,
          fixes,
        );
      }
      return { state: "invalid", option: found };
    }
    return { state: "value", value: parsed.value as T, option: found };
  }

  /** The value of a read, or undefined when absent, secret or invalid. */
  value<T extends OptionValue>(option: ConfigOption, enumClass?: string): T | undefined {
    const r = this.read<T>(option, enumClass);
    return r.state === "value" ? r.value : undefined;
  }

  /** FactoryUtil.validateFactoryOptions' missing-options error, at the WITH keyword. */
  requireAll(required: readonly ConfigOption[], prefix = "", context = ""): boolean {
    const absent = required.filter(
      (o) =>
        this.find({
          ...o,
          key: prefix + o.key,
          fallbackKeys: o.fallbackKeys?.map((k) => prefix + k),
        }) === undefined,
    );
    const missing = absent.map((o) => (context ? o.key : prefix + o.key)).sort();
    if (missing.length === 0) return true;
    const last = this.table.options[this.table.options.length - 1];
    this.error(
      `${context}One or more required options are missing.\n\nMissing required options are:\n\n${missing.join("\n")}`,
      this.table.withSpan,
      insertOptionsFix(last?.valueSpan, absent.map((o) => prefix + o.key).sort()),
    );
    return false;
  }
}
