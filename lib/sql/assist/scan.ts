/**
 * A forgiving scan of a script for editor assistance: words, quoted identifiers, strings (also an
 * unterminated one at the cursor), numbers and punctuation with their offsets, comments skipped.
 * The validator's lexer reports malformed input; this one only needs to know where the cursor is.
 */

export type ScanKind = "word" | "qident" | "string" | "number" | "punct";

export interface ScanToken {
  kind: ScanKind;
  /** Words and quoted identifiers: the name; strings: the unescaped value; punctuation: itself. */
  value: string;
  start: number;
  /** Offset just past the token (the closing quote included when there is one). */
  end: number;
  /** For strings and quoted identifiers: whether the closing quote is there. */
  closed?: boolean;
}

const isWordStart = (c: string) => /[A-Za-z_$\u0080-\uffff]/.test(c);
const isWordPart = (c: string) => /[A-Za-z0-9_$\u0080-\uffff]/.test(c);

export function scan(text: string): ScanToken[] {
  const tokens: ScanToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "-" && text[i + 1] === "-") {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      i = close < 0 ? text.length : close + 2;
    } else if (c === "'" || c === "`") {
      const start = i;
      let value = "";
      let closed = false;
      i++;
      while (i < text.length) {
        if (text[i] === c) {
          if (text[i + 1] === c) {
            value += c;
            i += 2;
            continue;
          }
          closed = true;
          i++;
          break;
        }
        value += text[i++];
      }
      tokens.push({ kind: c === "'" ? "string" : "qident", value, start, end: i, closed });
    } else if (isWordStart(c)) {
      const start = i;
      while (i < text.length && isWordPart(text[i])) i++;
      tokens.push({ kind: "word", value: text.slice(start, i), start, end: i });
    } else if (/[0-9]/.test(c)) {
      const start = i;
      while (i < text.length && /[0-9.]/.test(text[i])) i++;
      tokens.push({ kind: "number", value: text.slice(start, i), start, end: i });
    } else if (/\s/.test(c)) {
      i++;
    } else {
      tokens.push({ kind: "punct", value: c, start: i, end: i + 1 });
      i++;
    }
  }
  return tokens;
}

/** The tokens of the statement around `offset` (between the `;` before and after it). */
export function statementAt(tokens: readonly ScanToken[], offset: number): ScanToken[] {
  let from = 0;
  let to = tokens.length;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== "punct" || t.value !== ";") continue;
    if (t.end <= offset) from = i + 1;
    else if (t.start >= offset) {
      to = i;
      break;
    }
  }
  return tokens.slice(from, to);
}

/** Whether the offset is inside the token (for a string: between its quotes). */
export function containsOffset(t: ScanToken, offset: number): boolean {
  if (t.kind === "string" || t.kind === "qident")
    return offset > t.start && (offset < t.end || (!t.closed && offset === t.end));
  return offset >= t.start && offset <= t.end;
}

export const isPunct = (t: ScanToken | undefined, p: string) =>
  t?.kind === "punct" && t.value === p;
export const isWord = (t: ScanToken | undefined, w: string) =>
  t?.kind === "word" && t.value.toUpperCase() === w;
