/** The csv format's options (CsvFormatOptions, Flink 1.20) and CsvCommons.validateFormatOptions. */
import { option, type ConfigOption } from "@/lib/options/config-option";
import type { FormatIssue } from "@/lib/formats/format";
import { FormatOptions } from "@/lib/formats/common/format-options";
import { unescapeJava } from "./java-unescape";

export const CSV_OPTIONS: readonly ConfigOption[] = [
  option(
    "field-delimiter",
    { kind: "string" },
    "Optional field delimiter character (',' by default)",
    ",",
  ),
  option(
    "disable-quote-character",
    { kind: "boolean" },
    "Optional flag to disabled quote character for enclosing field values (false by default)\nif true, quote-character can not be set",
    "false",
  ),
  option(
    "quote-character",
    { kind: "string" },
    "Optional quote character for enclosing field values ('\"' by default)",
    '"',
  ),
  option(
    "allow-comments",
    { kind: "boolean" },
    'Optional flag to ignore comment lines that start with "#"\n(disabled by default);\nif enabled, make sure to also ignore parse errors to allow empty rows',
    "false",
  ),
  option(
    "ignore-parse-errors",
    { kind: "boolean" },
    "Optional flag to skip fields and rows with parse errors instead of failing;\nfields are set to null in case of errors",
    "false",
  ),
  option(
    "array-element-delimiter",
    { kind: "string" },
    'Optional array element delimiter string for separating\narray and row element values (";" by default)',
    ";",
  ),
  option(
    "escape-character",
    { kind: "string" },
    "Optional escape character for escaping values (disabled by default)",
  ),
  option(
    "null-literal",
    { kind: "string" },
    "Optional null literal string that is interpreted as a\nnull value (disabled by default)",
  ),
  option(
    "write-bigdecimal-in-scientific-notation",
    { kind: "boolean" },
    "Enables representation of BigDecimal data type in scientific notation (default is true). For example, 100000 is encoded as 1E+5 by default, and will be written as 100000 if set this option to false. Note: Only when the value is not 0 and a multiple of 10 is converted to scientific notation.",
    "true",
  ),
];

export interface CsvConfig {
  fieldDelimiter: string;
  /** undefined when quoting is disabled. */
  quoteCharacter: string | undefined;
  allowComments: boolean;
  ignoreParseErrors: boolean;
  arrayElementDelimiter: string;
  escapeCharacter: string | undefined;
  nullLiteral: string | undefined;
  writeBigDecimalInScientificNotation: boolean;
}

export function readCsvConfig(options: ReadonlyMap<string, string>): CsvConfig {
  const o = new FormatOptions(options, CSV_OPTIONS);
  const disableQuote = o.boolean("disable-quote-character");
  return {
    fieldDelimiter: unescapeJava(o.string("field-delimiter")!).charAt(0),
    quoteCharacter: disableQuote ? undefined : o.string("quote-character")!.charAt(0),
    allowComments: o.boolean("allow-comments"),
    ignoreParseErrors: o.boolean("ignore-parse-errors"),
    arrayElementDelimiter: o.string("array-element-delimiter")!,
    escapeCharacter: o.has("escape-character")
      ? o.string("escape-character")!.charAt(0)
      : undefined,
    nullLiteral: o.explicit("null-literal"),
    writeBigDecimalInScientificNotation: o.boolean("write-bigdecimal-in-scientific-notation"),
  };
}

/** CsvCommons.validateFormatOptions, with Flink's messages. */
export function validateCsvOptions(options: ReadonlyMap<string, string>): FormatIssue[] {
  const o = new FormatOptions(options, CSV_OPTIONS);
  const issues: FormatIssue[] = [];
  if (o.boolean("disable-quote-character") && o.has("quote-character")) {
    issues.push({
      severity: "error",
      option: "quote-character",
      message:
        "Format cannot define a quote character and disabled quote character at the same time.",
    });
  }
  const single = (key: string, unescape: boolean) => {
    const raw = o.explicit(key);
    if (raw === undefined) return;
    let value: string;
    try {
      value = unescape ? unescapeJava(raw) : raw;
    } catch (e) {
      issues.push({ severity: "error", option: key, message: (e as Error).message });
      return;
    }
    if (value.length !== 1) {
      issues.push({
        severity: "error",
        option: key,
        message: `Option 'csv.${key}' must be a string with single character, but was: ${raw}`,
      });
    }
  };
  single("field-delimiter", true);
  single("array-element-delimiter", false);
  single("quote-character", false);
  single("escape-character", false);
  return issues;
}
