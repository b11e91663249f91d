import { z } from "zod";
import { int4FromQuery } from "@/lib/api/input";
import { route } from "@/lib/api/route";
import { draftIdParams, saveDraftInput } from "@/lib/drafts/draft-schemas";
import { getDraft, saveDraftVersion } from "@/lib/drafts/drafts";

export const dynamic = "force-dynamic";

export const GET = route(
  {
    access: "viewer",
    params: draftIdParams,
    query: z.object({ version: int4FromQuery.min(1, "must be at least 1").optional() }),
  },
  async ({ params, query }) => getDraft(params.id, query.version),
);

export const PUT = route(
  { access: "editor", params: draftIdParams, body: saveDraftInput },
  async ({ params, body }) => saveDraftVersion(params.id, body),
);
