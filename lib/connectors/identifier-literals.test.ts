/**
 * Every fact about a connector or format lives in its descriptor's folder (`lib/connectors/<id>/`,
 * `lib/formats/<id>/`): a connector or format identifier written as a string literal anywhere else —
 * another descriptor's folder and the generic machinery of lib/connectors included — is a fact
 * repeated, which drifts (a changelog list once named formats lib/formats never had). Code
 * elsewhere asks the registries or the descriptors' guards (lib/connectors/resolved.ts) instead.
 * Tests, the SQL corpus and test support may name identifiers: they are the scripts users write.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { connectorIdentifiers } from "./registry";
import { formatIdentifiers } from "@/lib/formats/registry";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** What is not production code: tests, test support, benchmarks, the SQL corpus. */
const TEST_OR_TOOLING =
  /^(e2e\/|bench\/|lib\/sql\/corpus\/)|\.test\.tsx?$|\/testing\/|test-support\.ts$|fake-formats\.ts$|table-fixture\.ts$/;

/**
 * Literals that are the same word but no connector or format: a file or folder → the words it may
 * use and why. Keep this short; a new entry needs a reason that is not "a connector check".
 */
const SAME_WORD_ELSEWHERE: Record<string, { words: string[]; why: string }> = {
  "lib/kafka/diagnostics/": { words: ["kafka"], why: "the Kafka-handshake step's name" },
  "lib/kafka/local-broker/": { words: ["kafka"], why: "the broker's directories" },
  "lib/devstack/": { words: ["kafka"], why: "the broker's directories" },
  "scripts/": { words: ["kafka"], why: "the broker's directories" },
  "components/health/health-panel.tsx": { words: ["kafka"], why: "the health check's name" },
  "lib/cli/health-command.ts": { words: ["kafka"], why: "the health check's name" },
  "playwright.config.ts": { words: ["json"], why: "Playwright's JSON reporter" },
  "lib/formats/avro/": { words: ["json"], why: "a value of 'avro.encoding' (binary or json)" },
};

function sourceFiles(): string[] {
  return execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
    cwd: ROOT,
    encoding: "utf8",
  })
    .split("\n")
    .filter((f) => /\.tsx?$/.test(f) && !f.startsWith("lib/generated/"));
}

function allowedWords(file: string): string[] {
  return Object.entries(SAME_WORD_ELSEWHERE)
    .filter(([prefix]) => file === prefix || file.startsWith(prefix))
    .flatMap(([, { words }]) => words);
}

/** Each identifier → the one folder it may be written in: its descriptor's. */
export function descriptorFolders(
  connectors: readonly string[],
  formats: readonly string[],
): ReadonlyMap<string, string> {
  return new Map([
    ...connectors.map((id) => [id, `lib/connectors/${id}/`] as const),
    ...formats.map((id) => [id, `lib/formats/${id}/`] as const),
  ]);
}

/**
 * The string literals of a file (quoted strings and templates without substitutions), with their
 * offsets, from TypeScript's scanner: comments and the text of templates with substitutions (SQL
 * written in a template) are no literals. The scanner is ten times faster than a parse.
 */
function stringLiterals(file: string, text: string): Array<{ text: string; start: number }> {
  const { SyntaxKind } = ts;
  const variant = file.endsWith("x") ? ts.LanguageVariant.JSX : ts.LanguageVariant.Standard;
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, variant, text);
  const out: Array<{ text: string; start: number }> = [];
  // Brace depths at which a template's substitution `${…}` closes.
  const templates: number[] = [];
  let depth = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === SyntaxKind.TemplateHead) templates.push(depth);
    else if (kind === SyntaxKind.OpenBraceToken) depth++;
    else if (kind === SyntaxKind.CloseBraceToken) {
      if (templates.at(-1) === depth) {
        if (scanner.reScanTemplateToken(false) === SyntaxKind.TemplateTail) templates.pop();
      } else depth--;
    } else if (
      kind === SyntaxKind.StringLiteral ||
      kind === SyntaxKind.NoSubstitutionTemplateLiteral
    ) {
      out.push({ text: scanner.getTokenValue(), start: scanner.getTokenStart() });
    }
  }
  return out;
}

/** `file:line: 'literal'` for each identifier literal outside its descriptor's folder. */
export function identifierLiterals(
  files: readonly string[],
  read: (file: string) => string,
  folders: ReadonlyMap<string, string>,
): string[] {
  const found: string[] = [];
  const escaped = [...folders.keys()].map((id) => id.replace(/[-.]/g, "\\$&"));
  // Only files with a quoted identifier somewhere are scanned.
  const quoted = new RegExp(`["'\`](${escaped.join("|")})["'\`]`);
  for (const file of files) {
    if (TEST_OR_TOOLING.test(file)) continue;
    const allowed = allowedWords(file);
    const text = read(file);
    if (!quoted.test(text)) continue;
    for (const { text: literal, start } of stringLiterals(file, text)) {
      const folder = folders.get(literal);
      if (folder !== undefined && !file.startsWith(folder) && !allowed.includes(literal))
        found.push(`${file}:${text.slice(0, start).split("\n").length}: '${literal}'`);
    }
  }
  return found;
}

describe("connector and format identifiers", () => {
  const folders = descriptorFolders(connectorIdentifiers(), formatIdentifiers());

  it("appear as string literals only in their own descriptor's folder (and tests)", () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(100);
    const found = identifierLiterals(
      files,
      (f) => readFileSync(path.join(ROOT, f), "utf8"),
      folders,
    );
    expect(found, "ask lib/connectors or lib/formats instead of naming the identifier").toEqual([]);
  });

  it("catches an identifier outside its folder, another descriptor's and the machinery's included", () => {
    const files = [
      "lib/runtime/x.ts",
      "lib/connectors/kafka/x.ts",
      "lib/connectors/upsert-kafka/x.ts",
      "lib/connectors/resolved.ts",
      "lib/runtime/x.test.ts",
    ];
    const code = `if (table.connector === "upsert-kafka" || f === \`csv\`) {}`;
    expect(identifierLiterals(files, () => code, folders)).toEqual([
      "lib/runtime/x.ts:1: 'upsert-kafka'",
      "lib/runtime/x.ts:1: 'csv'",
      "lib/connectors/kafka/x.ts:1: 'upsert-kafka'",
      "lib/connectors/kafka/x.ts:1: 'csv'",
      "lib/connectors/upsert-kafka/x.ts:1: 'csv'",
      "lib/connectors/resolved.ts:1: 'upsert-kafka'",
      "lib/connectors/resolved.ts:1: 'csv'",
    ]);
    expect(
      identifierLiterals(["lib/formats/csv/x.ts"], () => `const id = "csv";`, folders),
    ).toEqual([]);
  });
});
