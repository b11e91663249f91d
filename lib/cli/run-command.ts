import fs from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { type Command, UsageError } from "./command";
import { MAX_PARALLELISM } from "@/lib/sql/settings";
import type { InstanceMetrics, JobOutcome } from "@/lib/runtime/job-runtime";
import { engineOption } from "./explain-command";

export const runCommand: Command = {
  name: "run",
  summary: "Run a Flink SQL script headless until its bounded sources end or Ctrl-C",
  usage: `Usage: tributary run [--engine embedded|flink|auto] [--parallelism N] [--secret NAME=VALUE ...] [--resource PATH ...] [--quiet] FILE

Validates FILE, then runs its INSERT INTO jobs against Kafka in this process — for CI pipelines
and tests. Runs until the bounded sources end, or until Ctrl-C: a clean stop that flushes the
sinks and commits source offsets (a second Ctrl-C cancels at once). On a terminal it shows
records in/out and their rates; at the end it prints a summary. Lines of 'print' sinks go to
standard output, logs to standard error.

Secrets: \${secret_values.NAME} placeholders are resolved from --secret NAME=VALUE or from the
environment variable TRIBUTARY_SECRET_<NAME> (upper case).

Custom partitioners: --resource PATH attaches a local .jar or .js/.mjs partitioner resource
(repeatable), and so does an ADD JAR '<path>' statement in FILE (a relative path is taken from
FILE's directory); sink.partitioner names a class or export of one of them.

Engines: 'embedded' runs the job in this process; 'flink' submits it to the Flink cluster that
FLINK_SQL_GATEWAY_URL and FLINK_REST_URL name, or else to a local Flink cluster this command
starts (and stops at the end); 'auto' (the default) is embedded when it runs every statement.
Ctrl-C on Flink stops the job with a savepoint.

Exit status: 0 when the job finished or was stopped, 1 when it failed or FILE has errors.

Options:
  --engine ENGINE       embedded, flink or auto (default auto)
  --parallelism N       parallel instances (default: 'parallelism.default' from SET, else 1)
  --secret NAME=VALUE   a secret value for \${secret_values.NAME} (repeatable)
  --resource PATH       a local partitioner JAR or JS module to attach (repeatable)
  --quiet               no progress line and no INFO logs
  -h, --help            show this help`,
  async run(args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: {
        parallelism: { type: "string" },
        engine: { type: "string" },
        secret: { type: "string", multiple: true },
        resource: { type: "string", multiple: true },
        quiet: { type: "boolean" },
      },
    });
    if (positionals.length !== 1) throw new UsageError("name exactly one FILE");
    const file = positionals[0];
    const secrets = new Map<string, string>();
    for (const pair of values.secret ?? []) {
      const eq = pair.indexOf("=");
      if (eq <= 0) throw new UsageError(`--secret wants NAME=VALUE, got '${pair.split("=")[0]}'`);
      secrets.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    let parallelismOption: number | undefined;
    if (values.parallelism !== undefined) {
      parallelismOption = Number(values.parallelism);
      if (!Number.isInteger(parallelismOption) || parallelismOption < 1)
        throw new UsageError("--parallelism wants a positive integer");
      if (parallelismOption > MAX_PARALLELISM)
        throw new UsageError(`--parallelism is at most ${MAX_PARALLELISM}`);
    }

    const engineChoice = engineOption(values.engine);
    const text = await fs.readFile(file, "utf8").catch((e: NodeJS.ErrnoException) => {
      throw new Error(`cannot read ${file}: ${e.code === "ENOENT" ? "no such file" : e.message}`);
    });
    const { validateScript } = await import("@/lib/sql/validate");
    const { scriptResources } = await import("@/lib/resources/local-resources");
    const { resourcePartitionerResolver } = await import("@/lib/resources/resolve-partitioner");
    const resources = await scriptResources(file, text, values.resource);
    const result = validateScript(text, {
      attachedPartitionerClasses: resources.flatMap((r) => r.partitioners),
      attachedOtherClasses: resources.flatMap((r) => r.otherClasses),
    });
    for (const d of result.diagnostics)
      console.error(`${file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`);
    if (result.diagnostics.some((d) => d.severity === "error") || !result.plan) return 1;
    const parallelism = parallelismOption ?? result.plan.jobs[0]?.settings.parallelism ?? 1;
    const { chooseEngine } = await import("@/lib/runtime/engine-choice");
    const decision = chooseEngine(
      result.plan,
      engineChoice,
      new Map(resources.flatMap((r) => r.partitioners.map((c) => [c, r.kind]))),
    );
    if (!decision.ok) {
      console.error(`${file}: error: ${decision.reason}`);
      return 1;
    }
    const flink = decision.engine === "flink";

    const quiet = values.quiet === true;
    const progress = new Progress(process.stderr.isTTY === true && !quiet);
    if (!quiet) console.error(`Engine: ${decision.engine} (${decision.reason})`);
    const runtime = flink
      ? (await import("@/lib/flink/flink-job-runtime")).runFlinkJob
      : (await import("@/lib/runtime")).runJob;
    const job = await runtime({
      plan: result.plan,
      engine: decision.engine,
      sql: text,
      jobId: `cli-${path.basename(file).replace(/[^A-Za-z0-9_-]/g, "_")}`,
      parallelism,
      instances: Array.from({ length: parallelism }, (_, i) => i),
      attemptNumber: 1,
      resolveSecret: async (name) => {
        const value = secrets.get(name) ?? process.env[`TRIBUTARY_SECRET_${name.toUpperCase()}`];
        if (value === undefined) {
          throw new Error(
            `secret '${name}' is not given: pass --secret ${name}=… or set TRIBUTARY_SECRET_${name.toUpperCase()}`,
          );
        }
        return value;
      },
      resolvePartitioner: resourcePartitionerResolver(resources),
      jars: () =>
        Promise.all(
          resources
            .filter((r) => r.kind === "JAR")
            .map(async (r) => ({ description: r.fileName, bytes: await r.bytes() })),
        ),
      onMetrics: (m) => progress.update(m),
      onLog: (level, message) => {
        if (quiet && (level === "INFO" || level === "DEBUG")) return;
        progress.clear();
        console.error(`${level} ${message}`);
      },
      onPrint: (line, stream) => {
        progress.clear();
        (stream === "stderr" ? process.stderr : process.stdout).write(line + "\n");
      },
    });

    let stopping = false;
    const onSigint = () => {
      if (stopping) {
        console.error("\nCancelling without committing further.");
        void job.cancel();
        return;
      }
      stopping = true;
      progress.clear();
      console.error(
        "Stopping: flushing sinks and committing source offsets (Ctrl-C again to cancel)…",
      );
      job.stopWithOffsets().then(
        (point) => {
          if (point.savepointPath) console.error(`Stopped with savepoint ${point.savepointPath}.`);
          const topics = Object.keys(point.offsets);
          if (topics.length > 0)
            console.error(
              `Committed source offsets for ${topics.map((t) => `'${t}'`).join(", ")}.`,
            );
        },
        (e: unknown) => console.error(`Stop failed: ${e instanceof Error ? e.message : String(e)}`),
      );
    };
    process.on("SIGINT", onSigint);
    process.on("SIGTERM", onSigint);
    const started = Date.now();
    let outcome: JobOutcome;
    try {
      outcome = await job.outcome;
    } finally {
      process.off("SIGINT", onSigint);
      process.off("SIGTERM", onSigint);
      if (flink) await (await import("@/lib/flink/endpoints")).stopLocalFlink();
    }
    progress.clear();
    console.error(progress.summary(Date.now() - started, outcome, stopping));
    if (outcome.state === "FAILED") {
      const { failure } = outcome;
      console.error(`Job failed: ${failure.message}`);
      for (const cause of failure.causes) console.error(`  caused by: ${cause}`);
      if (failure.hint?.kind === "text") console.error(`  hint: ${failure.hint.text}`);
      return 1;
    }
    return 0;
  },
};

class Progress {
  private last: InstanceMetrics[] = [];
  private previous = { at: Date.now(), in: 0, out: 0 };
  private shown = false;

  constructor(private readonly live: boolean) {}

  update(metrics: InstanceMetrics[]): void {
    this.last = metrics;
    if (!this.live) return;
    const now = Date.now();
    const { recordsIn, recordsOut } = this.totals();
    const seconds = Math.max(0.001, (now - this.previous.at) / 1000);
    const line = `records in ${recordsIn} (${Math.round((recordsIn - this.previous.in) / seconds)}/s) · out ${recordsOut} (${Math.round((recordsOut - this.previous.out) / seconds)}/s)`;
    this.previous = { at: now, in: recordsIn, out: recordsOut };
    process.stderr.write(`\r\x1b[2K${line}`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) process.stderr.write("\r\x1b[2K");
    this.shown = false;
  }

  totals() {
    let recordsIn = 0;
    let recordsOut = 0;
    let bytesOut = 0;
    let skipped = 0;
    for (const m of this.last) {
      recordsIn += m.numRecordsIn;
      recordsOut += m.numRecordsOut;
      bytesOut += m.numBytesOut;
      skipped += m.numRecordsInErrors;
    }
    return { recordsIn, recordsOut, bytesOut, skipped };
  }

  summary(elapsedMs: number, outcome: JobOutcome, stopped: boolean): string {
    const { recordsIn, recordsOut, bytesOut, skipped } = this.totals();
    const seconds = elapsedMs / 1000;
    const state = outcome.state === "FAILED" ? "FAILED" : stopped ? "STOPPED" : "FINISHED";
    return (
      `${state} after ${seconds.toFixed(1)} s: ${recordsIn} records in, ${recordsOut} records out` +
      ` (${Math.round(recordsOut / Math.max(seconds, 0.001))}/s, ${(bytesOut / 1e6).toFixed(1)} MB)` +
      (skipped > 0 ? `, ${skipped} unparsable records skipped` : "")
    );
  }
}
