/**
 * A JobRuntime for tests of the lifecycle and workers, where the real data plane is not wanted:
 * each instance "reads" partition <instance> of topic `sim`, one offset per record, commits every
 * commitEveryMs, reports metrics each second through the contract, and honours cancel and
 * stopWithOffsets. It starts from ctx.resumeFrom, so tests can see where a takeover resumed.
 */
import type {
  InstanceMetrics,
  JobFailure,
  JobOutcome,
  JobRuntime,
  JobRuntimeContext,
  ResumePoint,
} from "@/lib/runtime/job-runtime";

export const SIM_TOPIC = "sim";

export interface SimulationOptions {
  recordsPerTick?: number;
  tickMs?: number;
  commitEveryMs?: number;
  /** Each instance finishes (bounded source) when its offset reaches this. */
  endOffset?: number;
  /** A failure to raise, per instance and offset, e.g. only in attempt 1. */
  failure?: (ctx: JobRuntimeContext, instance: number, offset: number) => JobFailure | undefined;
  /** stopWithOffsets rejects with this (its final commit failed) instead of stopping. */
  stopFailure?: string;
  /** Milliseconds before the runtime reports it started. */
  startDelayMs?: number;
  /** Logs this ERROR line for instance 0 every `everyMs`, as a client does while a broker is down. */
  repeatedError?: { message: string; everyMs: number };
}

export function simulatedRuntime(opts: SimulationOptions = {}): JobRuntime {
  const recordsPerTick = opts.recordsPerTick ?? 10;
  const tickMs = opts.tickMs ?? 50;
  const commitEveryMs = opts.commitEveryMs ?? 300;
  return async (ctx) => {
    if (opts.startDelayMs) await new Promise((r) => setTimeout(r, opts.startDelayMs));
    const start = new Map(
      ctx.instances.map((i) => [i, Number(ctx.resumeFrom?.offsets[SIM_TOPIC]?.[i] ?? "0")]),
    );
    const offset = new Map(start);
    const committed = new Map(start);
    let lastCommitAt: string | undefined;
    let settle!: (o: JobOutcome) => void;
    const outcome = new Promise<JobOutcome>((resolve) => (settle = resolve));
    let done = false;
    const finish = (o: JobOutcome) => {
      if (done) return;
      done = true;
      clearInterval(work);
      clearInterval(commits);
      clearInterval(metrics);
      clearInterval(errors);
      settle(o);
    };
    const commit = () => {
      for (const [i, o] of offset) committed.set(i, o);
      lastCommitAt = new Date().toISOString();
      for (const i of ctx.instances)
        ctx.onCheckpoint?.({
          instance: i,
          offsets: { [SIM_TOPIC]: { [i]: String(committed.get(i)) } },
          at: lastCommitAt,
        });
    };
    const snapshot = (): InstanceMetrics[] =>
      ctx.instances.map((i) => {
        const read = offset.get(i)! - start.get(i)!;
        return {
          instance: i,
          numRecordsIn: read,
          numRecordsOut: read,
          numBytesIn: read * 100,
          numBytesOut: read * 100,
          numRecordsOutErrors: 0,
          numRecordsInErrors: 0,
          currentSendTime: 1,
          lagByPartition: {
            [`${SIM_TOPIC}-${i}`]: opts.endOffset ? opts.endOffset - offset.get(i)! : 0,
          },
          assignedPartitions: [`${SIM_TOPIC}-${i}`],
          lastCommitAt,
        };
      });
    for (const i of ctx.instances) {
      ctx.onLog(
        "INFO",
        `instance ${i} of attempt ${ctx.attemptNumber} starts at offset ${start.get(i)} (pid ${process.pid})`,
        i,
      );
    }
    const work = setInterval(() => {
      for (const i of ctx.instances) {
        const next = Math.min(
          offset.get(i)! + recordsPerTick,
          opts.endOffset ?? Number.MAX_SAFE_INTEGER,
        );
        const failure = opts.failure?.(ctx, i, next);
        if (failure) {
          ctx.onLog("ERROR", failure.message, i);
          finish({ state: "FAILED", failure });
          return;
        }
        offset.set(i, next);
      }
      if (
        opts.endOffset !== undefined &&
        ctx.instances.every((i) => offset.get(i) === opts.endOffset)
      ) {
        commit();
        ctx.onMetrics(snapshot());
        finish({ state: "FINISHED" });
      }
    }, tickMs);
    const commits = setInterval(commit, commitEveryMs);
    const metrics = setInterval(() => ctx.onMetrics(snapshot()), 1000);
    const repeated = opts.repeatedError;
    const errors = repeated
      ? setInterval(() => ctx.onLog("ERROR", repeated.message, ctx.instances[0]), repeated.everyMs)
      : undefined;
    return {
      outcome,
      async cancel() {
        finish({
          state: "FAILED",
          failure: { message: "cancelled", causes: [], retriable: false },
        });
      },
      async stopWithOffsets(): Promise<ResumePoint> {
        if (opts.stopFailure) throw new Error(opts.stopFailure);
        commit();
        ctx.onMetrics(snapshot());
        finish({ state: "FINISHED" });
        return {
          offsets: {
            [SIM_TOPIC]: Object.fromEntries(
              ctx.instances.map((i) => [i, String(committed.get(i))]),
            ),
          },
          recordedAt: lastCommitAt!,
        };
      },
    };
  };
}
