/**
 * "Did you mean" for names. Flink compares identifiers case-sensitively, so a name that differs
 * only in case is the most likely intent and is suggested first.
 */
import { closestMatch } from "@/lib/connectors/did-you-mean";
import type { QuickFix, SourceSpan } from "@/lib/sql/diagnostic";
import { replaceNameFix } from "@/lib/sql/fixes";

export function suggestName(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const sameLetters = candidates.find((c) => c !== word && c.toLowerCase() === lower);
  return sameLetters ?? closestMatch(word, candidates);
}

/** The "; did you mean 'x'?" text and the quick fix that makes the change at `span`. */
export function nameSuggestion(
  word: string,
  candidates: readonly string[],
  span: SourceSpan,
): { text: string; fixes: QuickFix[] } {
  const m = suggestName(word, candidates);
  return m === undefined
    ? { text: "", fixes: [] }
    : { text: `; did you mean '${m}'?`, fixes: replaceNameFix(span, m) };
}

/** "; did you mean 'x'?" (Calcite's phrasing) or "". */
export function didYouMeanName(word: string, candidates: readonly string[]): string {
  const m = suggestName(word, candidates);
  return m === undefined ? "" : `; did you mean '${m}'?`;
}
