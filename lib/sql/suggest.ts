/**
 * "Did you mean" for names. Flink compares identifiers case-sensitively, so a name that differs
 * only in case is the most likely intent and is suggested first.
 */
import { closestMatch } from "@/lib/connectors/did-you-mean";

export function suggestName(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const sameLetters = candidates.find((c) => c !== word && c.toLowerCase() === lower);
  return sameLetters ?? closestMatch(word, candidates);
}

/** "; did you mean 'x'?" (Calcite's phrasing) or "". */
export function didYouMeanName(word: string, candidates: readonly string[]): string {
  const m = suggestName(word, candidates);
  return m === undefined ? "" : `; did you mean '${m}'?`;
}
