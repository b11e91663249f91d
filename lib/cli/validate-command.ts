import fs from "node:fs/promises";
import { parseArgs } from "node:util";
import { type Command, UsageError } from "./command";
import type { Diagnostic } from "@/lib/sql/diagnostic";

export const validateCommand: Command = {
  name: "validate",
  summary: "Check Flink SQL scripts as Flink 1.20 with the Kafka connector 3.4 would",
  usage: `Usage: tributary validate [--json] [--resource PATH ...] [--partitioner CLASS ...] FILE...

Parses and validates each script (statements, types, connector and format options) and prints
its problems as FILE:LINE:COLUMN: severity: message. Exits 1 if any file has an error; warnings
alone keep the exit code 0.

Options:
  --json               one JSON object per file per line:
                       {"file": ..., "ok": bool, "diagnostics": [{severity, message, line,
                       column, endLine, endColumn}]}
  --resource PATH      a local partitioner JAR or JS module the job will have attached
                       (repeatable; as in tributary run): its classes or exports are known
                       to sink.partitioner, and so are those of the JARs that ADD JAR names
  --partitioner CLASS  a custom partitioner class the job will have attached (repeatable)
  -h, --help           show this help`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        json: { type: "boolean" },
        partitioner: { type: "string", multiple: true },
        resource: { type: "string", multiple: true },
      },
    });
    if (positionals.length === 0) throw new UsageError("name at least one FILE");
    const { checkScript } = await import("@/lib/sql-service/check-script");
    const { scriptResources } = await import("@/lib/resources/local-resources");
    let anyError = false;
    for (const file of positionals) {
      const sql = await fs.readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
        throw new Error(`cannot read ${file}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
      });
      const resources = await scriptResources(file, sql, values.resource);
      // Nothing attached: the job's attachments are unknown, so sink.partitioner classes go unchecked.
      const attached =
        values.partitioner === undefined && resources.length === 0
          ? undefined
          : [...(values.partitioner ?? []), ...resources.flatMap((r) => r.partitioners)];
      const result = checkScript(
        sql,
        attached,
        resources.flatMap((r) => r.otherClasses),
      );
      anyError ||= !result.ok;
      if (values.json) {
        console.log(JSON.stringify({ file, ok: result.ok, diagnostics: result.diagnostics }));
      } else {
        for (const d of result.diagnostics) console.log(formatDiagnostic(file, d));
        if (result.diagnostics.length === 0) console.log(`${file}: ok`);
      }
    }
    return anyError ? 1 : 0;
  },
};

export function formatDiagnostic(file: string, d: Diagnostic): string {
  const [first, ...rest] = d.message.split("\n");
  return [
    `${file}:${d.line}:${d.column}: ${d.severity}: ${first}`,
    ...rest.map((l) => `    ${l}`),
  ].join("\n");
}
