import { route } from "@/lib/api/route";
import { previewInput } from "@/lib/preview/schemas";
import { runPreviewInWorker } from "@/lib/preview/preview-worker";
import { resolveSecretFor } from "@/lib/secrets/secret-store";
import { draftPreviewResources } from "@/lib/resources/preview-resources";

export const dynamic = "force-dynamic";

/**
 * Runs the script's INSERTs on a sample and answers what each sink would write; writes nothing.
 * The preview runs in a worker process with a bounded heap and a wall-clock kill.
 */
export const POST = route(
  { access: "editor", body: previewInput },
  async ({ body: { draftId, ...body } }) =>
    runPreviewInWorker({
      ...body,
      resolveSecret: resolveSecretFor,
      ...(draftId ? await draftPreviewResources(draftId) : {}),
    }),
);
