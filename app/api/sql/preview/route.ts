import { z } from "zod";
import { route } from "@/lib/api/route";
import { sqlText } from "@/lib/drafts/draft-schemas";
import { MAX_PREVIEW_ROWS } from "@/lib/preview/run-preview";
import { runPreviewInWorker } from "@/lib/preview/preview-worker";
import { resolveSecretFor } from "@/lib/secrets/secret-store";
import { draftPreviewResources } from "@/lib/resources/preview-resources";

export const dynamic = "force-dynamic";

/**
 * Runs the script's INSERTs on a sample and answers what each sink would write; writes nothing.
 * The preview runs in a worker process with a bounded heap and a wall-clock kill.
 */
export const POST = route(
  {
    access: "editor",
    body: z.object({
      sql: sqlText,
      rows: z.number().int().min(1).max(MAX_PREVIEW_ROWS).optional(),
      timeoutMs: z.number().int().min(1000).max(60_000).optional(),
      /**
       * The draft whose attached resources the script may name: key and trust stores
       * (`/flink/usrlib/<file>`) and custom partitioners (sink.partitioner), as its job would.
       */
      draftId: z.string().uuid().optional(),
    }),
  },
  async ({ body: { draftId, ...body } }) =>
    runPreviewInWorker({
      ...body,
      resolveSecret: resolveSecretFor,
      ...(draftId ? await draftPreviewResources(draftId) : {}),
    }),
);
