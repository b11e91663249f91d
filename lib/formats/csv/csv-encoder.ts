/**
 * One CSV line as Jackson's CsvEncoder writes it in Flink's configuration (CsvMapper defaults,
 * line separator ""): values that need quoting are quoted per `_mayNeedQuotes` (non-strict):
 * longer than 24 chars, or containing a char below max(column separator, quote char) + 1, or the
 * escape char — or, with no escape char configured, a backslash (CsvEncoder._needsQuotingLoose
 * treats `\\`, its default control-char escape, as needing quotes; jackson-dataformats-text 2.15). Inside quotes the quote char is doubled, and so is the escape char. Numbers and
 * booleans are written raw; null is the null literal (raw) or nothing.
 */
import type { CsvConfig } from "./csv-options";

/** Jackson's CsvEncoder.MAX_QUOTE_CHECK. */
const MAX_QUOTE_CHECK = 24;
const BACKSLASH = 0x5c;

export class CsvLineEncoder {
  readonly separator: string;
  /** What a null field is written as; also the array/row joining value for a null element (CsvSchema.getNullValueOrEmpty()). */
  readonly nullText: string;
  private readonly quote: string | undefined;
  private readonly escape: string | undefined;
  private readonly escapeCode: number;
  private readonly minSafeChar: number;

  constructor(config: CsvConfig) {
    this.separator = config.fieldDelimiter;
    this.quote = config.quoteCharacter;
    this.escape = config.escapeCharacter;
    this.escapeCode = this.escape === undefined ? -1 : this.escape.charCodeAt(0);
    this.nullText = config.nullLiteral ?? "";
    const quoteCode = this.quote === undefined ? -1 : this.quote.charCodeAt(0);
    this.minSafeChar = Math.max(this.separator.charCodeAt(0), quoteCode) + 1;
  }

  /** A string value as written: quoted when Jackson would quote it. */
  text(value: string): string {
    if (!this.mayNeedQuotes(value)) return value;
    const q = this.quote!;
    const esc = this.escape;
    if (value.indexOf(q) < 0 && (esc === undefined || value.indexOf(esc) < 0)) return q + value + q;
    let out = q;
    let start = 0;
    for (let i = 0; i < value.length; i++) {
      const c = value[i];
      if (c === q || c === esc) {
        // The char is written twice: once closing the run before it, once more here.
        out += value.slice(start, i + 1) + c;
        start = i + 1;
      }
    }
    return out + value.slice(start) + q;
  }

  private mayNeedQuotes(value: string): boolean {
    if (this.quote === undefined) return false;
    if (value.length > MAX_QUOTE_CHECK) return true;
    const min = this.minSafeChar;
    // Without an escape char, Jackson's control-char escape defaults to a backslash.
    const esc = this.escape === undefined ? BACKSLASH : this.escapeCode;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c < min || c === esc) return true;
    }
    return false;
  }
}
