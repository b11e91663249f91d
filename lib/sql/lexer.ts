/**
 * Tokenizer for Flink SQL as Flink's Calcite-generated parser reads it: identifiers keep their
 * case (Flink is case-sensitive), keywords are matched case-insensitively by the parser, and every
 * token carries a 1-based, end-exclusive span so diagnostics can point at the exact characters.
 */
import type { SourceSpan } from "@/lib/sql/diagnostic";

export type TokenKind =
  | "ident" // unquoted identifier or keyword
  | "qident" // `quoted identifier`
  | "string" // 'text' (value has '' unescaped)
  | "ustring" // U&'text' (value has \XXXX escapes applied)
  | "binary" // X'0AFF' (value is the hex digits)
  | "int" // 42
  | "decimal" // 4.2
  | "approx" // 4.2E3
  | "op" // operators and punctuation
  | "eof";

export interface Token {
  kind: TokenKind;
  /** Source text of the token (for idents: as written; for strings: the unescaped value). */
  value: string;
  /** Upper-cased text for unquoted identifiers, so keyword checks need not re-case. */
  upper: string;
  span: SourceSpan;
  /** Offset of the first character in the source, for slicing original text. */
  start: number;
  end: number;
}

export interface LexError {
  message: string;
  span: SourceSpan;
}

const OPERATORS = [
  "<>",
  "!=",
  ">=",
  "<=",
  "||",
  "=>",
  "(",
  ")",
  "[",
  "]",
  ",",
  ";",
  ".",
  "+",
  "-",
  "*",
  "/",
  "%",
  "=",
  "<",
  ">",
];

function isIdentStart(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_" || c === "$" || c > "\u007f";
}

function isIdentPart(c: string): boolean {
  return isIdentStart(c) || (c >= "0" && c <= "9");
}

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

/** Tokenizes the whole script; never throws — malformed pieces become errors and are skipped. */
export function tokenize(text: string): { tokens: Token[]; errors: LexError[] } {
  const tokens: Token[] = [];
  const errors: LexError[] = [];
  let pos = 0;
  let line = 1;
  let col = 1;

  // Advance over text[pos..to), keeping line/column in step.
  const advanceTo = (to: number) => {
    while (pos < to) {
      const c = text.charCodeAt(pos);
      if (c === 10) {
        line++;
        col = 1;
      } else if (c === 13) {
        if (text.charCodeAt(pos + 1) !== 10) {
          line++;
          col = 1;
        } else col++;
      } else col++;
      pos++;
    }
  };

  const push = (kind: TokenKind, value: string, startPos: number, sl: number, sc: number) => {
    tokens.push({
      kind,
      value,
      upper: kind === "ident" ? value.toUpperCase() : value,
      span: { line: sl, column: sc, endLine: line, endColumn: col },
      start: startPos,
      end: pos,
    });
  };

  const error = (message: string, sl: number, sc: number) => {
    errors.push({ message, span: { line: sl, column: sc, endLine: line, endColumn: col } });
  };

  // Reads a '...' body starting at the opening quote; returns the unescaped value or null.
  const readQuoted = (quote: string): string | null => {
    let i = pos + 1;
    let out = "";
    for (;;) {
      const j = text.indexOf(quote, i);
      if (j < 0) return null;
      out += text.slice(i, j);
      if (text[j + 1] === quote) {
        out += quote;
        i = j + 2;
        continue;
      }
      advanceTo(j + 1);
      return out;
    }
  };

  while (pos < text.length) {
    const c = text[pos];
    const sl = line;
    const sc = col;
    const startPos = pos;
    if (c === " " || c === "\t" || c === "\n" || c === "\r" || c === "\f") {
      advanceTo(pos + 1);
      continue;
    }
    if (c === "-" && text[pos + 1] === "-") {
      let j = text.indexOf("\n", pos);
      if (j < 0) j = text.length;
      advanceTo(j);
      continue;
    }
    if (c === "/" && text[pos + 1] === "*") {
      const j = text.indexOf("*/", pos + 2);
      if (j < 0) {
        advanceTo(pos + 2);
        error("Unterminated comment: '/*' has no closing '*/'", sl, sc);
        advanceTo(text.length);
        break;
      }
      advanceTo(j + 2);
      continue;
    }
    if (c === "'") {
      const v = readQuoted("'");
      if (v === null) {
        advanceTo(text.length);
        error("Unterminated string literal: add the closing quote (')", sl, sc);
        break;
      }
      push("string", v, startPos, sl, sc);
      continue;
    }
    if ((c === "U" || c === "u") && text[pos + 1] === "&" && text[pos + 2] === "'") {
      advanceTo(pos + 2);
      const v = readQuoted("'");
      if (v === null) {
        advanceTo(text.length);
        error("Unterminated string literal: add the closing quote (')", sl, sc);
        break;
      }
      const decoded = decodeUnicodeEscapes(v);
      if (decoded === null) {
        error(
          "Unicode escape sequence in U&'…' must be \\ followed by 4 hex digits (or \\+ and 6), or \\\\",
          sl,
          sc,
        );
        push("ustring", v, startPos, sl, sc);
      } else push("ustring", decoded, startPos, sl, sc);
      continue;
    }
    if ((c === "X" || c === "x") && text[pos + 1] === "'") {
      advanceTo(pos + 1);
      const v = readQuoted("'");
      if (v === null) {
        advanceTo(text.length);
        error("Unterminated binary literal: add the closing quote (')", sl, sc);
        break;
      }
      const hex = v.replace(/\s+/g, "");
      if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2 !== 0) {
        error(`Binary literal X'${v}' must hold an even number of hexadecimal digits`, sl, sc);
      }
      push("binary", hex, startPos, sl, sc);
      continue;
    }
    if (c === "`") {
      const v = readQuoted("`");
      if (v === null) {
        advanceTo(text.length);
        error("Unterminated quoted identifier: add the closing backquote (`)", sl, sc);
        break;
      }
      if (v.length === 0) error("Quoted identifier `` must not be empty", sl, sc);
      push("qident", v, startPos, sl, sc);
      continue;
    }
    if (isDigit(c) || (c === "." && isDigit(text[pos + 1] ?? ""))) {
      let j = pos;
      while (j < text.length && isDigit(text[j])) j++;
      let kind: TokenKind = "int";
      if (text[j] === "." && isDigit(text[j + 1] ?? "")) {
        kind = "decimal";
        j++;
        while (j < text.length && isDigit(text[j])) j++;
      } else if (text[j] === "." && !isIdentStart(text[j + 1] ?? "")) {
        // "1." is a decimal literal in Calcite
        kind = "decimal";
        j++;
      }
      if (
        (text[j] === "e" || text[j] === "E") &&
        (isDigit(text[j + 1] ?? "") ||
          ((text[j + 1] === "+" || text[j + 1] === "-") && isDigit(text[j + 2] ?? "")))
      ) {
        kind = "approx";
        j += 2;
        while (j < text.length && isDigit(text[j])) j++;
      }
      advanceTo(j);
      push(kind, text.slice(startPos, j), startPos, sl, sc);
      if (pos < text.length && isIdentStart(text[pos])) {
        // "12abc": Calcite would lex a number then an identifier; we say what is wrong here.
        let k = pos;
        while (k < text.length && isIdentPart(text[k])) k++;
        advanceTo(k);
        error(
          `Invalid number '${text.slice(startPos, k)}': identifiers must not start with a digit`,
          sl,
          sc,
        );
      }
      continue;
    }
    if (isIdentStart(c)) {
      let j = pos + 1;
      while (j < text.length && isIdentPart(text[j])) j++;
      advanceTo(j);
      push("ident", text.slice(startPos, j), startPos, sl, sc);
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, pos));
    if (op) {
      advanceTo(pos + op.length);
      push("op", op, startPos, sl, sc);
      continue;
    }
    if (c === '"') {
      // Flink uses backquotes; a double-quoted name is a common slip from other dialects.
      advanceTo(pos + 1);
      error(
        `Unexpected character '"': quote identifiers with backquotes (\`name\`) and strings with single quotes ('text')`,
        sl,
        sc,
      );
      continue;
    }
    advanceTo(pos + 1);
    error(`Unexpected character '${c}'`, sl, sc);
  }
  tokens.push({
    kind: "eof",
    value: "",
    upper: "",
    span: { line, column: col, endLine: line, endColumn: col },
    start: pos,
    end: pos,
  });
  return { tokens, errors };
}

/** Applies SQL's U&'…' escapes with the default escape character '\'. */
export function decodeUnicodeEscapes(s: string): string | null {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    if (s[i + 1] === "\\") {
      out += "\\";
      i++;
    } else if (s[i + 1] === "+" && /^[0-9a-fA-F]{6}$/.test(s.slice(i + 2, i + 8))) {
      out += String.fromCodePoint(parseInt(s.slice(i + 2, i + 8), 16));
      i += 7;
    } else if (/^[0-9a-fA-F]{4}$/.test(s.slice(i + 1, i + 5))) {
      out += String.fromCharCode(parseInt(s.slice(i + 1, i + 5), 16));
      i += 4;
    } else return null;
  }
  return out;
}
