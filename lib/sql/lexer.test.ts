import { describe, expect, it } from "vitest";
import { tokenize } from "./lexer";

const kinds = (s: string) => tokenize(s).tokens.map((t) => `${t.kind}:${t.value}`);

describe("tokenize", () => {
  it("keeps identifier case and unescapes backquotes", () => {
    expect(kinds("SELECT `my``col`, UserId")).toEqual([
      "ident:SELECT",
      "qident:my`col",
      "op:,",
      "ident:UserId",
      "eof:",
    ]);
  });

  it("reads string, unicode, binary literals and numbers", () => {
    expect(kinds("'it''s' U&'\\0041\\\\b' X'0aFF' 42 4.20 1.5E3 .5 2e-3")).toEqual([
      "string:it's",
      "ustring:A\\b",
      "binary:0aFF",
      "int:42",
      "decimal:4.20",
      "approx:1.5E3",
      "decimal:.5",
      "approx:2e-3",
      "eof:",
    ]);
  });

  it("reads two-character operators", () => {
    expect(kinds("a||b<>c!=d>=e<=f")).toEqual([
      "ident:a",
      "op:||",
      "ident:b",
      "op:<>",
      "ident:c",
      "op:!=",
      "ident:d",
      "op:>=",
      "ident:e",
      "op:<=",
      "ident:f",
      "eof:",
    ]);
  });

  it("skips comments and tracks 1-based, end-exclusive spans across lines", () => {
    const { tokens } = tokenize("-- c1\n/* c2\n */  ab\n\tcd");
    expect(tokens[0].span).toEqual({ line: 3, column: 6, endLine: 3, endColumn: 8 });
    expect(tokens[1].span).toEqual({ line: 4, column: 2, endLine: 4, endColumn: 4 });
  });

  it("reports unterminated strings and comments at their start", () => {
    const s = tokenize("SELECT 'abc");
    expect(s.errors[0].message).toContain("Unterminated string literal");
    expect(s.errors[0].span.column).toBe(8);
    const c = tokenize("a /* x");
    expect(c.errors[0].message).toContain("Unterminated comment");
    expect(c.errors[0].span.column).toBe(3);
  });

  it("rejects odd-length binary literals and double-quoted names", () => {
    expect(tokenize("X'ABC'").errors[0].message).toContain("even number of hexadecimal digits");
    expect(tokenize('SELECT "a"').errors[0].message).toContain("backquotes");
  });
});
