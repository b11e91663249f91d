/**
 * THE injection point of the data plane into workers: the JobRuntime that `npm start` and
 * `tributary worker` run jobs with. Tests pass their own runtime to runWorker() instead.
 *
 * lib/runtime/index.ts (`runJob`, issue 4) does not exist yet; until it does, every claimed job
 * fails at once with a failure that says so, rather than appearing to run.
 * When it lands: `export const jobRuntime: JobRuntime = runJob;` with its import.
 */
import type { JobRuntime, RunningJob } from "@/lib/runtime/job-runtime";

const unavailable: JobRuntime = async (): Promise<RunningJob> => ({
  outcome: Promise.resolve({
    state: "FAILED",
    failure: {
      message: "This build of Tributary has no job runtime yet (lib/runtime/index.ts), so the job cannot run.",
      causes: [],
      retriable: false,
    },
  }),
  cancel: async () => undefined,
  stopWithOffsets: async () => ({ offsets: {}, recordedAt: new Date().toISOString() }),
});

export const jobRuntime: JobRuntime = unavailable;
