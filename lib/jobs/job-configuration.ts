/**
 * The job's configuration as the SQL client builds it: every `SET 'key' = 'value'` in script
 * order, `RESET 'key'` removing one, `RESET` removing all. The lifecycle reads its own options
 * from it (restart strategy, checkpointing, parallelism.default).
 */
import { parseScript } from "@/lib/sql/parser";

export type JobConfiguration = Record<string, string>;

export function jobConfiguration(sql: string): JobConfiguration {
  const config: JobConfiguration = {};
  for (const statement of parseScript(sql).script.statements) {
    if (statement.kind === "Set" && statement.key && statement.value) {
      config[statement.key.value] = statement.value.value;
    } else if (statement.kind === "Reset") {
      if (statement.key) delete config[statement.key.value];
      else for (const key of Object.keys(config)) delete config[key];
    }
  }
  return config;
}
