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
  const sep = config.fieldDelimiter.charCodeAt(0);
  const quote = config.quoteCharacter === undefined ? -1 : config.quoteCharacter.charCodeAt(0);
  const esc = config.escapeCharacter === undefined ? -1 : config.escapeCharacter.charCodeAt(0);
  const end = text.length;
  const cells: string[] = [];
  let i = pos;
  for (;;) {
    let cell = "";
    if (text.charCodeAt(i) === quote) {
      i++;
      let start = i;
      for (;;) {
        if (i >= end) throw new Error("Missing closing quote for value");
        const c = text.charCodeAt(i);
        if (c === quote) {
          cell += text.slice(start, i);
          if (text.charCodeAt(i + 1) === quote) {
            cell += config.quoteCharacter;
            i += 2;
            start = i;
            continue;
          }
          i++;
          break;
        }
        if (c === esc && i + 1 < end) {
          cell += text.slice(start, i) + unescape(text[i + 1]);
          i += 2;
          start = i;
          continue;
        }
        i++;
      }
    }
    let start = i;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === sep || c === LF || c === CR) break;
      if (c === esc && i + 1 < end) {
        cell += text.slice(start, i) + unescape(text[i + 1]);
        i += 2;
        start = i;
        continue;
      }
      i++;
    }
    cells.push(start === i && cell !== "" ? cell : cell + text.slice(start, i));
    if (i < end && text.charCodeAt(i) === sep) {
      i++;
      continue;
    }
    return { cells };
  }
}

const LF = 10;
const CR = 13;

function skipLine(text: string, pos: number): number {
  while (pos < text.length && text[pos] !== "\n" && text[pos] !== "\r") pos++;
  if (text[pos] === "\r" && text[pos + 1] === "\n") return pos + 2;
  return pos + 1;
}

/** CsvDecoder._unescape. */
function unescape(c: string): string {
  switch (c) {
    case "0":
      return "\0";
    case "n":
      return "\n";
    case "r":
      return "\r";
    case "t":
      return "\t";
    default:
      return c;
  }
}
