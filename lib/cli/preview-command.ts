import { readFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { type Command, UsageError } from "./command";

export const previewCommand: Command = {
  name: "preview",
  summary: "Show what a script's sinks would write, on a sample, writing nothing",
  usage: `Usage: tributary preview FILE [--rows N] [--timeout MS] [--json]

Runs the script's INSERTs on a bounded sample — the first N records of each Kafka source from
its start position, or N rows of datagen/VALUES — and prints per sink the rows, and for Kafka
sinks each record's key and value bytes (text and hex), headers, timestamp and the partition the
partitioner picks against the topic's real partition count. Nothing is written to any sink and
no offsets are committed. \${secret_values.x} are read from the secret store (DATABASE_URL)
by this process and handed to the preview's worker process (512 MB heap, killed after the
timeout + 15 s) over IPC.

Options:
      --rows N      records per source / rows (1–1000, default 100)
      --timeout MS  bound of the whole preview (default 15000)
      --json        the result as JSON (the shape of POST /api/sql/preview)
  -h, --help        show this help

Exit status: 0 when the preview ran, 1 when the script is invalid or a record failed.`,
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({
        args,
        options: {
          rows: { type: "string" },
          timeout: { type: "string" },
          json: { type: "boolean" },
        },
        allowPositionals: true,
      });
    } catch (e) {
      throw new UsageError(e instanceof Error ? e.message : String(e));
    }
    const { values, positionals } = parsed;
    if (positionals.length !== 1) throw new UsageError("give one script file");
    const rows = values.rows === undefined ? undefined : Number(values.rows);
    if (rows !== undefined && (!Number.isInteger(rows) || rows < 1 || rows > 1000))
      throw new UsageError(`--rows must be a whole number from 1 to 1000, not '${values.rows}'`);
    const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs < 1000))
      throw new UsageError(`--timeout must be at least 1000 ms, not '${values.timeout}'`);
    const sql = await readFile(positionals[0], "utf8");
    const { runPreviewInWorker } = await import("@/lib/preview/preview-worker");
    const { formatPreview } = await import("@/lib/preview/format-preview");
    const { disconnectPrisma } = await import("@/lib/db/prisma");
    try {
      const result = await runPreviewInWorker({
        sql,
        rows,
        timeoutMs,
        resolveSecret: async (name, bootstrapServers) =>
          (await import("@/lib/secrets/secret-store")).resolveSecretFor(name, bootstrapServers),
      });
      console.log(
        values.json ? JSON.stringify(result, null, 2) : formatPreview(result, positionals[0]),
      );
      return result.ok ? 0 : 1;
    } finally {
      await disconnectPrisma();
    }
  },
};
