// One preview, in its own process (lib/preview/preview-worker.ts starts it with a bounded heap
// and kills it after a wall-clock bound): a runaway script cannot take the console down.
import { servePreview } from "@/lib/preview/preview-worker-main";

servePreview().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
