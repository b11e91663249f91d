/**
 * Small stand-in format factories for connector tests: they declare options like the real ones
 * (keys without prefix) and report one format-specific issue, so the connector side — prefixes,
 * consumption, changelog modes, issue positions — can be tested without the real formats.
 */
import type { FormatFactory, FormatIssue } from "@/lib/formats/format";
import { option } from "@/lib/options/config-option";
import type { ChangelogMode } from "@/lib/types/logical-type";
import { staticFormatLookup } from "../format-lookup";

function fake(
  identifier: string,
  changelogMode: ChangelogMode,
  optional: ReturnType<typeof option>[],
  required: ReturnType<typeof option>[] = [],
  validate: FormatFactory["validate"] = () => [],
): FormatFactory {
  return {
    identifier,
    requiredOptions: required,
    optionalOptions: optional,
    changelogMode,
    validate,
    createSerializer: () => {
      throw new Error("not for tests");
    },
    createDeserializer: () => {
      throw new Error("not for tests");
    },
  };
}

export const fakeFormats = staticFormatLookup([
  fake("csv", "insert-only", [
    option("field-delimiter", { kind: "char" }, "", ","),
    option("ignore-parse-errors", { kind: "boolean" }, "", "false"),
  ]),
  fake(
    "json",
    "insert-only",
    [
      option("fail-on-missing-field", { kind: "boolean" }, "", "false"),
      option("ignore-parse-errors", { kind: "boolean" }, "", "false"),
      option("timestamp-format.standard", { kind: "enum", values: ["SQL", "ISO-8601"] }, "", "SQL"),
    ],
    [],
    (ctx): FormatIssue[] =>
      ctx.rowType.fields
        .filter((f) => f.type.kind === "MAP" && f.type.key.kind !== "VARCHAR")
        .map((f) => ({
          severity: "error",
          column: f.name,
          message: `JSON format doesn't support non-string as key type of map. The type is: ${f.type.kind}`,
        })),
  ),
  fake("raw", "insert-only", [option("charset", { kind: "string" }, "", "UTF-8")]),
  fake("debezium-json", "all", [option("ignore-parse-errors", { kind: "boolean" }, "", "false")]),
  fake(
    "avro-confluent",
    "insert-only",
    [option("subject", { kind: "string" }, "")],
    [option("url", { kind: "string" }, "")],
  ),
]);
