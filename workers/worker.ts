// The job-runner process that `tributary start` and `tributary worker` launch.
import { runWorker } from "@/lib/workers/run-worker";

runWorker().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
