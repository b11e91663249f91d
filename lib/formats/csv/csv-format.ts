/** The `csv` format factory (CsvFormatFactory, Flink 1.20). */
import {
  FormatError,
  type FormatContext,
  type FormatFactory,
  type FormatIssue,
} from "@/lib/formats/format";
import { CSV_OPTIONS, readCsvConfig, validateCsvOptions } from "./csv-options";
import { csvTimePrecisionProblem, csvUnsupported } from "./csv-schema";
import { createCsvSerializer } from "./csv-serializer";
import { createCsvDeserializer } from "./csv-deserializer";

export const csvFormat: FormatFactory = {
  identifier: "csv",
  schemaless: "csv-line",
  requiredOptions: [],
  optionalOptions: CSV_OPTIONS,
  changelogMode: "insert-only",

  validate(ctx: FormatContext): FormatIssue[] {
    const issues = validateCsvOptions(ctx.options);
    for (const f of ctx.rowType.fields) {
      const message = csvUnsupported(f.type, f.name);
      if (message) issues.push({ severity: "error", column: f.name, message });
      const time = csvTimePrecisionProblem(f.type);
      if (time) {
        issues.push({
          severity: "warning",
          column: f.name,
          message: `${time} Reading this table fails; writing keeps millisecond precision.`,
        });
      }
    }
    return issues;
  },

  createSerializer(ctx: FormatContext) {
    assertValid(ctx, false);
    return createCsvSerializer(ctx.rowType.fields, readCsvConfig(ctx.options));
  },

  createDeserializer(ctx: FormatContext) {
    assertValid(ctx, true);
    return createCsvDeserializer(ctx.rowType.fields, readCsvConfig(ctx.options));
  },
};

function assertValid(ctx: FormatContext, reading: boolean): void {
  const error = csvFormat.validate(ctx).find((i) => i.severity === "error");
  if (error) throw new FormatError(error.message, error.column);
  if (reading) {
    for (const f of ctx.rowType.fields) {
      const time = csvTimePrecisionProblem(f.type);
      if (time) throw new FormatError(time, f.name);
    }
  }
}
