import { route } from "@/lib/api/route";
import {
  draftIdParams,
  draftVersionQuery,
  saveDraftInput,
  updateDraftInput,
} from "@/lib/drafts/schemas";
import { getDraft, saveDraftVersion, updateDraft } from "@/lib/drafts/drafts";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    access: "viewer",
    params: draftIdParams,
    query: draftVersionQuery,
  },
  async ({ params, query }) => getDraft(params.id, query.version),
);

export const PUT = route(
  { access: "editor", params: draftIdParams, body: saveDraftInput },
  async ({ params, body }) => saveDraftVersion(params.id, body),
);

/** Rename, retag, archive (`archived: true`) or restore from the archive. */
export const PATCH = route(
  { access: "editor", params: draftIdParams, body: updateDraftInput },
  async ({ params, body }) => updateDraft(params.id, body),
);

/** Deleting moves the draft to the archive (GET /api/drafts?archived=true); nothing is lost. */
export const DELETE = route({ access: "editor", params: draftIdParams }, async ({ params }) =>
  updateDraft(params.id, { archived: true }),
);
