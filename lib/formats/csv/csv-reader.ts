/**
 * Splits one CSV record into raw cells as Jackson's CsvParser does in Flink's configuration:
 * a quote char opens a quoted value only at the start of a cell, doubled quotes and the escape
 * char (with Jackson's \0 \n \r \t unescapes) work inside, and the record ends at the first line
 * break. With allow-comments a record starting with `#` is skipped.
 */
import type { CsvConfig } from "./csv-options";

export interface CsvRecord {
  cells: string[];
}

/** Returns undefined when the input holds no record (empty, or only a comment line). */
export function readCsvRecord(text: string, config: CsvConfig): CsvRecord | undefined {
  let pos = 0;
  // Comment lines and blank lines before the record are skipped, as CsvParser does.
  for (;;) {
    if (pos >= text.length) return undefined;
    if (config.allowComments && text[pos] === "#") {
      pos = skipLine(text, pos);
      continue;
    }
    break;
  }
  const sep = config.fieldDelimiter;
  const quote = config.quoteCharacter;
  const esc = config.escapeCharacter;
  const cells: string[] = [];
  let cell = "";
  let i = pos;
  for (;;) {
    if (quote !== undefined && text[i] === quote) {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error("Missing closing quote for value");
        const c = text[i];
        if (c === quote) {
          if (text[i + 1] === quote) {
            cell += quote;
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (esc !== undefined && c === esc && i + 1 < text.length) {
          cell += unescape(text[i + 1]);
          i += 2;
          continue;
        }
        cell += c;
        i++;
      }
    }
    let start = i;
    while (i < text.length) {
      const c = text[i];
      if (c === sep || c === "\n" || c === "\r") break;
      if (esc !== undefined && c === esc && i + 1 < text.length) {
        cell += text.slice(start, i) + unescape(text[i + 1]);
        i += 2;
        start = i;
        continue;
      }
      i++;
    }
    cell += text.slice(start, i);
    cells.push(cell);
    cell = "";
    if (i < text.length && text[i] === sep) {
      i++;
      continue;
    }
    return { cells };
  }
}

function skipLine(text: string, pos: number): number {
  while (pos < text.length && text[pos] !== "\n" && text[pos] !== "\r") pos++;
  if (text[pos] === "\r" && text[pos + 1] === "\n") return pos + 2;
  return pos + 1;
}

/** CsvDecoder._unescape. */
function unescape(c: string): string {
  switch (c) {
    case "0": return "\0";
    case "n": return "\n";
    case "r": return "\r";
    case "t": return "\t";
    default: return c;
  }
}
