/**
 * The Flink job runtime: the JobRuntime contract (lib/runtime/job-runtime.ts) on a Flink cluster.
 * A worker that claims a flink job's one instance runs this: it opens a SQL Gateway session,
 * ADDs JAR the job's attached JAR resources, runs the script's DDL and SETs, submits the INSERTs (one statement set), records the Flink job id
 * on the run, and then watches the job through the JobManager's REST API — its state, exceptions,
 * checkpoints and per-subtask metrics become the same job logs and metric samples an embedded job
 * writes. Cancel is Flink's cancel; stop (and a worker's drain) is Flink's stop-with-savepoint,
 * whose path the next run restores (`execution.savepoint.path`).
 *
 * Restarts are Tributary's, as on the embedded engine: the job runs with Flink's restart strategy
 * `none`, so a failure ends the Flink job FAILED and the attempt with Flink's exception; the
 * lifecycle applies the job's restart strategy (the same Flink 1.20 rules,
 * lib/jobs/restart-strategy.ts) and the next attempt resubmits from the latest completed
 * checkpoint, which Flink keeps for a failed job (externalized, DELETE_ON_CANCELLATION) and this
 * runtime records on the run as it completes (`flink.onCheckpoint`).
 */
import { PROPS_BOOTSTRAP_SERVERS } from "@/lib/connectors/kafka/kafka-options";
import { findSecretPlaceholders, resolveSecretPlaceholders } from "@/lib/secrets/placeholders";
import { restorePointKind } from "@/lib/jobs/resume-point";
import { parseScript } from "@/lib/sql/parser";
import { SecretScrubber } from "@/lib/runtime/failure";
import type {
  JobFailure,
  JobOutcome,
  JobRuntime,
  JobRuntimeContext,
  ResumePoint,
  RunningJob,
} from "@/lib/runtime/job-runtime";
import { flinkEndpoints, type FlinkEndpoints } from "./endpoints";
import {
  failureFromFlinkError,
  failureFromStackTrace,
  withConnectivityDiagnosis,
} from "./flink-failure";
import { instanceMetricsOf, wantedMetricIds } from "./flink-metrics";
import { spoolFlinkJars } from "./flink-jars";
import { gatewayScript } from "./flink-script";
import { FlinkRestClient, TERMINAL_JOB_STATES, type FlinkJobDetails } from "./rest-client";
import { SqlGatewayClient } from "./sql-gateway-client";

const POLL_MS = 1_000;
/** Polls that may fail in a row (the JobManager restarting, a network blip) before the job counts as lost. */
const MAX_POLL_FAILURES = 30;
const STOP_TIMEOUT_MS = 25_000;
const CANCEL_WAIT_MS = 3_000;

export const runFlinkJob: JobRuntime = async (ctx) => {
  const job = new FlinkJob(ctx);
  await job.start();
  return job;
};

class FlinkJob implements RunningJob {
  private readonly scrubber = new SecretScrubber();
  private settle!: (o: JobOutcome) => void;
  readonly outcome = new Promise<JobOutcome>((resolve) => (this.settle = resolve));
  private settled = false;
  private endpoints!: FlinkEndpoints;
  private gateway!: SqlGatewayClient;
  private rest!: FlinkRestClient;
  private flinkJobId: string | undefined;
  private sessionHandle: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private polling = false;
  private pollFailures = 0;
  private lastState: string | undefined;
  private lastExceptionAt = 0;
  private lastCheckpointId: number | undefined;
  private lastCheckpointAt: string | undefined;
  private metricIds = new Map<string, string[]>();
  private polls = 0;
  /** Set once we cancel or stop: the job's end is then ours, not a failure. */
  private ending: "cancel" | "stop" | undefined;

  constructor(private readonly ctx: JobRuntimeContext) {}

  private log(level: "INFO" | "WARN" | "ERROR", message: string): void {
    this.ctx.onLog(level, this.scrubber.scrub(message));
  }

  private fail(failure: JobFailure): void {
    if (this.settled) return;
    this.settled = true;
    this.stopPolling();
    void this.closeSession();
    this.settle({ state: "FAILED", failure: withConnectivityDiagnosis(failure, this.ctx.sql) });
  }

  async start(): Promise<void> {
    if (this.ctx.sql === undefined) throw new Error("The Flink engine needs the job's SQL.");
    try {
      this.endpoints = await flinkEndpoints();
    } catch (e) {
      return this.fail({
        ...failureFromFlinkError(e, this.scrubber, "The Flink cluster is not reachable"),
        retriable: true,
      });
    }
    this.gateway = new SqlGatewayClient(this.endpoints.gatewayUrl);
    this.rest = new FlinkRestClient(this.endpoints.restUrl);

    const previous = this.ctx.flink?.jobId;
    if (previous) {
      const details = await this.rest.job(previous).catch(() => undefined);
      if (details && !TERMINAL_JOB_STATES.has(details.state)) {
        this.flinkJobId = previous;
        this.sessionHandle = this.ctx.flink?.sessionHandle;
        this.log(
          "INFO",
          `Re-attached to Flink job ${previous} (${details.state}) on ${this.endpoints.restUrl}.`,
        );
        this.startPolling();
        return;
      }
    }
    await this.submit();
  }

  private async submit(): Promise<void> {
    let sql: string;
    try {
      sql = await this.resolveSecrets(this.ctx.sql!);
    } catch (e) {
      return this.fail({
        message: e instanceof Error ? e.message : String(e),
        causes: [],
        retriable: false,
      });
    }
    let script;
    try {
      script = gatewayScript(sql);
    } catch (e) {
      return this.fail({
        message: this.scrubber.scrub(e instanceof Error ? e.message : String(e)),
        causes: [],
        retriable: false,
      });
    }
    const savepoint = this.ctx.resumeFrom?.savepointPath;
    try {
      this.sessionHandle = await this.gateway.openSession(`tributary-${this.ctx.jobId}`, {
        "pipeline.name": `tributary-${this.ctx.jobId}`,
      });
    } catch (e) {
      return this.fail({
        ...failureFromFlinkError(e, this.scrubber, "Opening a SQL Gateway session failed"),
        retriable: true,
      });
    }
    let jars: string[] = [];
    try {
      const spooled = await spoolFlinkJars(this.ctx.jobId, (await this.ctx.jars?.()) ?? []);
      void this.outcome.then(() => spooled.remove().catch(() => undefined));
      jars = spooled.statements;
    } catch (e) {
      return this.fail({
        message: `Writing the job's JAR resources for Flink failed: ${e instanceof Error ? e.message : String(e)}`,
        causes: [],
        retriable: true,
      });
    }
    const statements = [
      // First: the attached JARs (custom partitioners) join the session's class loader.
      ...jars,
      ...script.setup,
      // After the script's SETs: the job's parallelism and restore point win.
      `SET 'parallelism.default' = '${this.ctx.parallelism}'`,
      // Tributary applies the script's restart strategy (each restart an attempt, see above).
      "SET 'restart-strategy.type' = 'none'",
      ...(script.setup.some((st) => /externalized-checkpoint-retention/i.test(st))
        ? []
        : [
            "SET 'execution.checkpointing.externalized-checkpoint-retention' = 'DELETE_ON_CANCELLATION'",
          ]),
      ...(savepoint ? [`SET 'execution.savepoint.path' = '${savepoint.replace(/'/g, "''")}'`] : []),
    ];
    for (const statement of statements) {
      try {
        await this.execute(statement);
      } catch (e) {
        return this.fail(
          failureFromFlinkError(
            e,
            this.scrubber,
            `Flink refused '${this.scrubber.scrub(firstLine(statement))}'`,
          ),
        );
      }
    }
    let jobId: string | undefined;
    try {
      jobId = await this.execute(script.submit);
    } catch (e) {
      return this.fail(
        failureFromFlinkError(e, this.scrubber, "Submitting the job to Flink failed"),
      );
    }
    if (!jobId)
      return this.fail({
        message: "The SQL Gateway ran the INSERT but returned no Flink job id.",
        causes: [],
        retriable: false,
      });
    this.flinkJobId = jobId;
    await this.ctx.flink?.onSubmitted({ jobId, sessionHandle: this.sessionHandle });
    this.log(
      "INFO",
      `Submitted to Flink as job ${jobId} (parallelism ${this.ctx.parallelism}${savepoint ? `, restored from ${restorePointKind(savepoint)} ${savepoint}` : ""}); web UI ${this.endpoints.restUrl}/#/job/running/${jobId}/overview.`,
    );
    this.startPolling();
  }

  /** Runs one statement in the session; resolves with the Flink job id an INSERT returns. */
  private async execute(statement: string): Promise<string | undefined> {
    const operation = await this.gateway.executeStatement(this.sessionHandle!, statement);
    for (let wait = 50; ; wait = Math.min(wait * 2, 500)) {
      const status = await this.gateway.operationStatus(this.sessionHandle!, operation);
      if (status === "FINISHED" || status === "ERROR") break;
      if (status === "CANCELED" || status === "CLOSED" || status === "TIMEOUT")
        throw new Error(`the statement ended ${status}`);
      await sleep(wait);
    }
    // For a failed statement this throws Flink's exception (FlinkHttpError).
    const result = await this.gateway.fetchResult(this.sessionHandle!, operation);
    return result.jobID ?? undefined;
  }

  /**
   * Each secret is resolved for the bootstrap servers of every table whose options name it (its
   * scope must cover them all, lib/secrets); one named anywhere else has no servers and is refused.
   */
  private async resolveSecrets(sql: string): Promise<string> {
    const serversOf = new Map<string, string[]>();
    for (const stmt of parseScript(sql).script.statements) {
      if (stmt.kind !== "CreateTable") continue;
      const servers = stmt.options.find((o) => o.key === PROPS_BOOTSTRAP_SERVERS.key)?.value ?? "";
      for (const o of stmt.options)
        for (const p of findSecretPlaceholders(o.value))
          serversOf.set(p.name, [...(serversOf.get(p.name) ?? []), servers]);
    }
    const values = new Map<string, string>();
    for (const { name } of findSecretPlaceholders(sql)) {
      if (values.has(name)) continue;
      let value = "";
      for (const servers of serversOf.get(name) ?? [""])
        value = await this.ctx.resolveSecret(name, servers);
      values.set(name, value);
      this.scrubber.add(value);
    }
    return resolveSecretPlaceholders(sql, (name) => values.get(name));
  }

  private startPolling(): void {
    this.timer = setInterval(() => void this.poll(), POLL_MS);
    void this.poll();
  }

  private stopPolling(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  private async poll(): Promise<void> {
    if (this.polling || this.settled || !this.flinkJobId) return;
    this.polling = true;
    try {
      const details = await this.rest.job(this.flinkJobId);
      this.pollFailures = 0;
      if (details.state !== this.lastState) {
        this.log(
          details.state === "FAILING" || details.state === "RESTARTING" ? "WARN" : "INFO",
          `Flink job ${this.flinkJobId} is ${details.state}.`,
        );
        this.lastState = details.state;
      }
      await this.readExceptions();
      await this.readCheckpoints();
      await this.readMetrics(details);
      if (TERMINAL_JOB_STATES.has(details.state)) await this.ended(details.state);
    } catch (e) {
      if (++this.pollFailures >= MAX_POLL_FAILURES) {
        this.fail({
          ...failureFromFlinkError(
            e,
            this.scrubber,
            `Lost contact with Flink job ${this.flinkJobId} for ${MAX_POLL_FAILURES} s`,
          ),
          retriable: true,
        });
      }
    } finally {
      this.polling = false;
    }
  }

  private async ended(state: string): Promise<void> {
    if (this.ending) return; // cancel() / stopWithOffsets() report the end
    if (state === "FINISHED") {
      this.settled = true;
      this.stopPolling();
      await this.closeSession();
      this.settle({ state: "FINISHED" });
      return;
    }
    if (state === "CANCELED") {
      return this.fail({
        message: `Flink job ${this.flinkJobId} was cancelled outside Tributary.`,
        causes: [],
        retriable: false,
      });
    }
    // The checkpoint Flink kept for the failed job, in case the last poll missed it: the next
    // attempt restores it.
    await this.readCheckpoints().catch(() => undefined);
    const entries = await this.rest.exceptions(this.flinkJobId!).catch(() => []);
    const root = entries.at(0);
    this.fail(
      root
        ? failureFromStackTrace(root.stacktrace, this.scrubber)
        : {
            message: `Flink job ${this.flinkJobId} failed without an exception in its history.`,
            causes: [],
            retriable: false,
          },
    );
  }

  private async readExceptions(): Promise<void> {
    const entries = await this.rest.exceptions(this.flinkJobId!);
    const fresh = entries.filter((e) => e.timestamp > this.lastExceptionAt).reverse();
    for (const entry of fresh) {
      const failure = failureFromStackTrace(entry.stacktrace, this.scrubber);
      this.log(
        "ERROR",
        [
          `Flink${entry.taskName ? ` (${entry.taskName})` : ""}: ${failure.message}`,
          ...failure.causes.map((c) => `Caused by: ${c}`),
        ].join("\n"),
      );
      this.lastExceptionAt = Math.max(this.lastExceptionAt, entry.timestamp);
    }
  }

  private async readCheckpoints(): Promise<void> {
    const checkpoints = await this.rest.checkpoints(this.flinkJobId!);
    const latest = checkpoints.latest?.completed;
    if (latest && latest.id !== this.lastCheckpointId) {
      this.lastCheckpointId = latest.id;
      this.lastCheckpointAt = new Date(latest.latest_ack_timestamp).toISOString();
      this.log(
        "INFO",
        `Checkpoint ${latest.id} completed (${checkpoints.counts.completed} completed, ${checkpoints.counts.failed} failed).`,
      );
      // Without a checkpoint directory Flink answers "<checkpoint-not-externally-addressable>".
      const path = latest.external_path;
      if (path && !path.startsWith("<"))
        await this.ctx.flink?.onCheckpoint?.({
          offsets: {},
          recordedAt: this.lastCheckpointAt,
          savepointPath: path,
        });
    }
  }

  private async readMetrics(details: FlinkJobDetails): Promise<void> {
    // Operators register some metrics only once running: the lists are read again now and then.
    const refresh = this.polls++ % 10 === 0;
    const values = new Map<string, number>();
    let parallelism = 1;
    for (const vertex of details.vertices) {
      parallelism = Math.max(parallelism, vertex.parallelism);
      let ids = this.metricIds.get(vertex.id);
      if (!ids || refresh) {
        ids = wantedMetricIds(await this.rest.vertexMetricIds(this.flinkJobId!, vertex.id));
        this.metricIds.set(vertex.id, ids);
      }
      if (ids.length === 0) continue;
      for (const [id, value] of await this.rest.vertexMetrics(this.flinkJobId!, vertex.id, ids)) {
        values.set(id, (values.get(id) ?? 0) + value);
      }
    }
    const metrics = instanceMetricsOf(values, parallelism);
    if (this.lastCheckpointAt) for (const m of metrics) m.lastCommitAt = this.lastCheckpointAt;
    this.ctx.onMetrics(metrics);
  }

  private async closeSession(): Promise<void> {
    const handle = this.sessionHandle;
    this.sessionHandle = undefined;
    if (handle) await this.gateway.closeSession(handle).catch(() => undefined);
  }

  async cancel(): Promise<void> {
    if (this.settled) return;
    this.ending = "cancel";
    this.stopPolling();
    if (this.flinkJobId) {
      await this.rest
        .cancel(this.flinkJobId)
        .catch((e: unknown) =>
          this.log("WARN", `Cancelling Flink job ${this.flinkJobId} failed: ${String(e)}`),
        );
      const state = await this.awaitTerminal(CANCEL_WAIT_MS);
      if (state) this.log("INFO", `Flink job ${this.flinkJobId} is ${state}.`);
    }
    await this.closeSession();
    this.settled = true;
    this.settle({ state: "FINISHED" });
  }

  /** The job's terminal state once it reaches one within timeoutMs, else undefined. */
  private async awaitTerminal(timeoutMs: number): Promise<string | undefined> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const state = await this.rest.job(this.flinkJobId!).then(
        (d) => d.state,
        () => undefined,
      );
      if (state && TERMINAL_JOB_STATES.has(state)) return state;
      await sleep(200);
    }
    return undefined;
  }

  async detach(): Promise<void> {
    this.log(
      "WARN",
      `Letting go of Flink job ${this.flinkJobId ?? "(not submitted)"}: the worker that takes the run over re-attaches to it.`,
    );
    this.ending = "cancel";
    this.stopPolling();
    this.settled = true;
    this.settle({ state: "FINISHED" });
  }

  async stopWithOffsets(): Promise<ResumePoint> {
    if (!this.flinkJobId || this.settled) throw new Error("The Flink job is not running.");
    this.ending = "stop";
    this.stopPolling();
    const requestId = await this.rest.stopWithSavepoint(
      this.flinkJobId,
      this.endpoints.savepointsDir ? `file://${this.endpoints.savepointsDir}` : undefined,
    );
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const status = await this.rest.savepointStatus(this.flinkJobId, requestId);
      if (status.status.id === "COMPLETED") {
        const cause = status.operation?.["failure-cause"];
        const location = status.operation?.location;
        if (!location) {
          this.ending = undefined;
          this.startPolling();
          throw new Error(
            `Flink could not take the savepoint: ${cause?.["stack-trace"]?.split("\n")[0] ?? cause?.class ?? "no reason given"}`,
          );
        }
        // The job ends a moment after its savepoint: a worker taking the run over must not find
        // it still running and re-attach to it instead of restoring the savepoint.
        await this.awaitTerminal(5_000);
        this.log("INFO", `Flink job ${this.flinkJobId} stopped with savepoint ${location}.`);
        await this.closeSession();
        this.settled = true;
        this.settle({ state: "FINISHED" });
        return { offsets: {}, recordedAt: new Date().toISOString(), savepointPath: location };
      }
      await sleep(250);
    }
    this.ending = undefined;
    this.startPolling();
    throw new Error(`Flink took no savepoint within ${STOP_TIMEOUT_MS / 1000} s.`);
  }
}

function firstLine(text: string): string {
  const line = text.split("\n")[0];
  return line.length > 120 ? `${line.slice(0, 120)}…` : line;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
