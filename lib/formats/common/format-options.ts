/**
 * Reading a format's options the way Flink's ReadableConfig does: the declared default when the
 * key is absent, fallback keys honoured, booleans parsed case-insensitively. Browser-safe.
 */
import type { ConfigOption } from "@/lib/options/config-option";
import type { FormatContext } from "@/lib/formats/format";

export class FormatOptions {
  private readonly byKey = new Map<string, ConfigOption>();

  constructor(
    private readonly values: ReadonlyMap<string, string>,
    declared: readonly ConfigOption[],
  ) {
    for (const o of declared) this.byKey.set(o.key, o);
  }

  static of(ctx: FormatContext, declared: readonly ConfigOption[]): FormatOptions {
    return new FormatOptions(ctx.options, declared);
  }

  /** The value the user set (or a fallback key's), without the default. */
  explicit(key: string): string | undefined {
    const direct = this.values.get(key);
    if (direct !== undefined) return direct;
    for (const fallback of this.byKey.get(key)?.fallbackKeys ?? []) {
      const v = this.values.get(fallback);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  has(key: string): boolean {
    return this.explicit(key) !== undefined;
  }

  string(key: string): string | undefined {
    return this.explicit(key) ?? this.byKey.get(key)?.defaultValue;
  }

  boolean(key: string): boolean {
    const v = this.string(key);
    return v !== undefined && v.trim().toLowerCase() === "true";
  }
}

/** Flink's FactoryUtil spelling of a boolean: `true`/`false`, case-insensitive. */
export function isBooleanText(v: string): boolean {
  const t = v.trim().toLowerCase();
  return t === "true" || t === "false";
}
