/**
 * Where a script uses stored secrets: each `${secret_values.x}` in a Kafka table's `properties.*`
 * (the only options the runtime resolves), with the table's bootstrap servers — what a secret's
 * scope is checked against — and the placeholder's place for a diagnostic. Browser-safe.
 */
import type { ScriptAst } from "@/lib/sql/ast";
import type { SourceSpan } from "@/lib/sql/diagnostic";
import { PROPS_BOOTSTRAP_SERVERS } from "@/lib/connectors/kafka/kafka-options";
import { getConnectorFactory } from "@/lib/connectors/registry";
import { findSecretPlaceholders } from "./placeholders";

export interface SecretReference {
  secret: string;
  table: string;
  optionKey: string;
  bootstrapServers: string | undefined;
  span: SourceSpan;
}

export function secretReferences(script: ScriptAst): SecretReference[] {
  const out: SecretReference[] = [];
  for (const stmt of script.statements) {
    if (stmt.kind !== "CreateTable") continue;
    const option = (key: string) => stmt.options.find((o) => o.key === key);
    const prefix = getConnectorFactory(option("connector")?.value ?? "")?.clientPropertiesPrefix;
    if (!prefix) continue;
    const bootstrapServers = option(PROPS_BOOTSTRAP_SERVERS.key)?.value;
    for (const o of stmt.options) {
      if (!o.key.startsWith(prefix)) continue;
      for (const p of findSecretPlaceholders(o.value)) {
        out.push({
          secret: p.name,
          table: stmt.name.parts.map((x) => x.value).join("."),
          optionKey: o.key,
          bootstrapServers,
          span: placeholderSpan(o.valueSpan, o.value, p.start, p.end),
        });
      }
    }
  }
  return out;
}

/** The placeholder inside the quoted value, when the value sits on one line; else the value. */
function placeholderSpan(value: SourceSpan, text: string, start: number, end: number): SourceSpan {
  if (value.line !== value.endLine || text.includes("'") || text.includes("\n")) return value;
  return {
    line: value.line,
    column: value.column + 1 + start,
    endLine: value.line,
    endColumn: value.column + 1 + end,
  };
}
