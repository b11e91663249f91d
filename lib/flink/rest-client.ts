/** The JobManager's REST API (the calls Tributary needs), typed, answers Zod-parsed. */
import { z } from "zod";
import { flinkRequest } from "./http";

const overview = z.object({
  taskmanagers: z.number(),
  "slots-total": z.number(),
  "slots-available": z.number(),
  "flink-version": z.string(),
});

const jobDetails = z.object({
  jid: z.string(),
  name: z.string(),
  state: z.string(),
  vertices: z.array(
    z.object({ id: z.string(), name: z.string(), parallelism: z.number(), status: z.string() }),
  ),
});
export type FlinkJobDetails = z.infer<typeof jobDetails>;

const exceptions = z.object({
  exceptionHistory: z
    .object({
      entries: z.array(
        z.object({
          exceptionName: z.string(),
          stacktrace: z.string(),
          timestamp: z.number(),
          taskName: z.string().nullish(),
        }),
      ),
    })
    .optional(),
});
export type FlinkExceptionEntry = NonNullable<
  z.infer<typeof exceptions>["exceptionHistory"]
>["entries"][number];

const trigger = z.object({ "request-id": z.string() });
const savepoint = z.object({
  status: z.object({ id: z.string() }),
  operation: z
    .object({
      location: z.string().nullish(),
      "failure-cause": z
        .object({ "stack-trace": z.string().nullish(), class: z.string().nullish() })
        .nullish(),
    })
    .nullish(),
});

const checkpoints = z.object({
  counts: z.object({ completed: z.number(), failed: z.number(), in_progress: z.number() }),
  latest: z
    .object({
      completed: z
        .object({
          id: z.number(),
          external_path: z.string().nullish(),
          latest_ack_timestamp: z.number(),
        })
        .nullish(),
    })
    .nullish(),
});
export type FlinkCheckpoints = z.infer<typeof checkpoints>;

const metricIds = z.array(z.object({ id: z.string() }));
const metricValues = z.array(z.object({ id: z.string(), value: z.string() }));

/** Flink's job states after which nothing more happens. */
export const TERMINAL_JOB_STATES = new Set(["FINISHED", "FAILED", "CANCELED"]);

export class FlinkRestClient {
  constructor(readonly url: string) {}

  overview() {
    return flinkRequest("Flink cluster overview", "GET", `${this.url}/overview`, overview);
  }

  job(jobId: string) {
    return flinkRequest(`Flink job ${jobId}`, "GET", `${this.url}/jobs/${jobId}`, jobDetails);
  }

  async exceptions(jobId: string): Promise<FlinkExceptionEntry[]> {
    const e = await flinkRequest(
      `Exceptions of Flink job ${jobId}`,
      "GET",
      `${this.url}/jobs/${jobId}/exceptions?maxExceptions=20`,
      exceptions,
    );
    return e.exceptionHistory?.entries ?? [];
  }

  async cancel(jobId: string): Promise<void> {
    await flinkRequest(
      `Cancelling Flink job ${jobId}`,
      "PATCH",
      `${this.url}/jobs/${jobId}?mode=cancel`,
      z.unknown(),
    );
  }

  /** Stop with savepoint: the sources stop, a savepoint is taken, the job ends FINISHED. */
  async stopWithSavepoint(jobId: string, targetDirectory?: string): Promise<string> {
    const t = await flinkRequest(
      `Stopping Flink job ${jobId} with a savepoint`,
      "POST",
      `${this.url}/jobs/${jobId}/stop`,
      trigger,
      {
        drain: false,
        ...(targetDirectory ? { targetDirectory } : {}),
      },
    );
    return t["request-id"];
  }

  savepointStatus(jobId: string, requestId: string) {
    return flinkRequest(
      `Savepoint of Flink job ${jobId}`,
      "GET",
      `${this.url}/jobs/${jobId}/savepoints/${requestId}`,
      savepoint,
    );
  }

  checkpoints(jobId: string) {
    return flinkRequest(
      `Checkpoints of Flink job ${jobId}`,
      "GET",
      `${this.url}/jobs/${jobId}/checkpoints`,
      checkpoints,
    );
  }

  async vertexMetricIds(jobId: string, vertexId: string): Promise<string[]> {
    return (
      await flinkRequest(
        "Metric names",
        "GET",
        `${this.url}/jobs/${jobId}/vertices/${vertexId}/metrics`,
        metricIds,
      )
    ).map((m) => m.id);
  }

  async vertexMetrics(
    jobId: string,
    vertexId: string,
    ids: string[],
  ): Promise<Map<string, number>> {
    const values = new Map<string, number>();
    // Long ?get= lists are split: the URL stays well under any server's limit.
    for (let i = 0; i < ids.length; i += 40) {
      const chunk = ids.slice(i, i + 40);
      const got = await flinkRequest(
        "Metrics",
        "GET",
        `${this.url}/jobs/${jobId}/vertices/${vertexId}/metrics?get=${chunk.map(encodeURIComponent).join(",")}`,
        metricValues,
      );
      for (const m of got) {
        const n = Number(m.value);
        if (Number.isFinite(n)) values.set(m.id, n);
      }
    }
    return values;
  }
}
