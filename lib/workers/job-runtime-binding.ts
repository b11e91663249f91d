/**
 * THE injection point of the data plane into workers: the JobRuntime that `npm start` and
 * `tributary worker` run jobs with — lib/runtime's runJob for embedded jobs, the Flink job
 * runtime (lib/flink) for flink ones. Tests pass their own runtime to runWorker() instead.
 */
import { runJob } from "@/lib/runtime";
import type { JobRuntime } from "@/lib/runtime/job-runtime";
import { runFlinkJob } from "@/lib/flink/flink-job-runtime";

export const jobRuntime: JobRuntime = (ctx) =>
  ctx.engine === "flink" ? runFlinkJob(ctx) : runJob(ctx);
