/**
 * THE injection point of the data plane into workers: the JobRuntime that `npm start` and
 * `tributary worker` run jobs with (lib/runtime's runJob). Tests pass their own runtime to
 * runWorker() instead.
 */
import { runJob } from "@/lib/runtime";
import type { JobRuntime } from "@/lib/runtime/job-runtime";

export const jobRuntime: JobRuntime = runJob;
