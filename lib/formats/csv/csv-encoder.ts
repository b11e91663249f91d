/**
 * One CSV line as Jackson's CsvEncoder writes it in Flink's configuration (CsvMapper defaults,
 * line separator ""): values that need quoting are quoted per `_mayNeedQuotes` (non-strict):
 * longer than 24 chars, or containing a char below max(column separator, quote char) + 1, or the
 * escape char. Inside quotes the quote char is doubled, and so is the escape char. Numbers and
 * booleans are written raw; null is the null literal (raw) or nothing.
 */
import type { CsvConfig } from "./csv-options";

/** Jackson's CsvEncoder.MAX_QUOTE_CHECK. */
const MAX_QUOTE_CHECK = 24;

export type CsvCell =
  | { kind: "raw"; text: string }
  | { kind: "text"; text: string }
  | { kind: "null" };

export class CsvLineEncoder {
  private readonly separator: string;
  private readonly quote: string | undefined;
  private readonly escape: string | undefined;
  private readonly minSafeChar: number;
  private readonly nullText: string;

  constructor(config: CsvConfig) {
    this.separator = config.fieldDelimiter;
    this.quote = config.quoteCharacter;
    this.escape = config.escapeCharacter;
    this.nullText = config.nullLiteral ?? "";
    const quoteCode = this.quote === undefined ? -1 : this.quote.charCodeAt(0);
    this.minSafeChar = Math.max(this.separator.charCodeAt(0), quoteCode) + 1;
  }

  encode(cells: readonly CsvCell[]): string {
    let out = "";
    for (let i = 0; i < cells.length; i++) {
      if (i > 0) out += this.separator;
      const cell = cells[i];
      if (cell.kind === "raw") out += cell.text;
      else if (cell.kind === "null") out += this.nullText;
      else out += this.text(cell.text);
    }
    return out;
  }

  /** The array/row joining value for a null element: CsvSchema.getNullValueOrEmpty(). */
  get nullElement(): string {
    return this.nullText;
  }

  private text(value: string): string {
    if (!this.mayNeedQuotes(value)) return value;
    const q = this.quote!;
    let out = q;
    for (let i = 0; i < value.length; i++) {
      const c = value[i];
      if (c === q || (this.escape !== undefined && c === this.escape)) out += c;
      out += c;
    }
    return out + q;
  }

  private mayNeedQuotes(value: string): boolean {
    if (this.quote === undefined) return false;
    if (value.length > MAX_QUOTE_CHECK) return true;
    const esc = this.escape;
    for (let i = 0; i < value.length; i++) {
      if (value.charCodeAt(i) < this.minSafeChar) return true;
      if (esc !== undefined && value[i] === esc) return true;
    }
    return false;
  }
}
