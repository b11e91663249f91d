import fs from "node:fs/promises";
import { parseArgs } from "node:util";
import { type Command, UsageError } from "./command";
import { formatDiagnostic } from "./validate-command";
import { ENGINE_CHOICES, type EngineChoice } from "@/lib/runtime/engine-choice";

/** --engine's value, checked. */
export function engineOption(value: string | undefined): EngineChoice {
  if (value === undefined) return "auto";
  if (!(ENGINE_CHOICES as readonly string[]).includes(value))
    throw new UsageError(`--engine wants one of ${ENGINE_CHOICES.join(", ")}, got '${value}'`);
  return value as EngineChoice;
}

export const explainCommand: Command = {
  name: "explain",
  summary: "Print the plan Tributary will run for a script",
  usage: `Usage: tributary explain [--engine embedded|flink|auto] [--partitioner CLASS ...] FILE

Validates the script and prints its plan: for each INSERT, the sources, the projection and
filter, and the sink with its format, partitioner, delivery guarantee and changelog mode; and
the engine that runs it, and why.
Exits 1 (printing the problems) if the script has errors.

Options:
  --engine ENGINE      embedded, flink or auto (default: auto — embedded when it runs every statement)
  --partitioner CLASS  a custom partitioner class the job will have attached (repeatable)
  -h, --help           show this help`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { partitioner: { type: "string", multiple: true }, engine: { type: "string" } },
    });
    if (positionals.length !== 1) throw new UsageError("name exactly one FILE");
    const file = positionals[0];
    const sql = await fs.readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
      throw new Error(`cannot read ${file}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
    });
    const engine = engineOption(values.engine);
    const { explainScript } = await import("@/lib/sql-service/check-script");
    const result = explainScript(sql, { partitionerClasses: values.partitioner, engine });
    for (const d of result.diagnostics) console.error(formatDiagnostic(file, d));
    if (!result.ok || !result.plan) return 1;
    console.log(result.plan);
    return 0;
  },
};
