/**
 * Hover documentation for the SQL editor: an option key (or value) in a WITH clause, a function, a
 * table or a secret placeholder — the same text completion shows. Browser-safe, no editor types.
 */
import { findSecretPlaceholders } from "@/lib/secrets/placeholders";
import { functionMarkdown } from "./complete";
import { type AssistContext, optionInfo, optionMarkdown, valuesForOption } from "./option-catalog";
import { isPunct } from "./scan";
import { scriptContext, tokenAt } from "./script-context";

export interface HoverResult {
  /** Markdown. */
  contents: string;
  start: number;
  end: number;
}

export function hover(
  text: string,
  offset: number,
  ctx: AssistContext = {},
): HoverResult | undefined {
  const sc = scriptContext(text, offset);
  const token = tokenAt(sc.tokens, offset) ?? tokenAt(sc.tokens, offset + 1);
  if (!token) return undefined;
  const range = { start: token.start, end: token.end };

  if (token.kind === "string" && sc.withClause) {
    const pair = sc.withClause.pairs.find((p) => p.key === token || p.value === token);
    if (pair?.key === token) {
      const info = optionInfo(token.value, sc.withClause.options);
      return info ? { contents: optionMarkdown(info), ...range } : undefined;
    }
    if (pair?.value === token && pair.key) {
      const inside = offset - token.start - 1;
      const secret = findSecretPlaceholders(token.value).find(
        (p) => inside >= p.start && inside <= p.end,
      );
      if (secret) {
        const known = ctx.secretNames?.includes(secret.name);
        return {
          contents:
            `**Secret '${secret.name}'** — put in when the job runs; the script never holds its value.` +
            (ctx.secretNames && !known ? `\n\nNo stored secret has this name yet.` : ""),
          ...range,
        };
      }
      const value = valuesForOption(pair.key.value, sc.withClause.options, ctx).find(
        (v) => v.value.toLowerCase() === token.value.toLowerCase(),
      );
      const info = optionInfo(pair.key.value, sc.withClause.options);
      if (value?.doc) return { contents: `**'${value.value}'** — ${value.doc}`, ...range };
      return info ? { contents: optionMarkdown(info), ...range } : undefined;
    }
  }

  if (token.kind === "word") {
    const i = sc.tokens.indexOf(token);
    const next = sc.tokens[i + 1];
    const fn = functionMarkdown(token.value);
    if (fn && isPunct(next, "(")) return { contents: fn, ...range };
  }
  if (token.kind === "word" || token.kind === "qident") {
    const relation = sc.relations.find((r) => r.name === token.value);
    if (relation)
      return {
        contents: [
          `**${relation.kind} ${relation.name}**`,
          "",
          ...relation.columns.map((c) => `- \`${c.name}\` ${c.definition}`),
        ].join("\n"),
        ...range,
      };
  }
  return undefined;
}
