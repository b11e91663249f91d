import { z } from "zod";
import { route } from "@/lib/api/route";
import { draftIdParams } from "@/lib/drafts/draft-schemas";
import { attachDraftResource, listDraftResources } from "@/lib/resources/draft-resources";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", params: draftIdParams }, async ({ params }) => ({
  resources: await listDraftResources(params.id),
}));

export const POST = route(
  {
    access: "editor",
    params: draftIdParams,
    body: z.object({ resourceId: z.uuid("must be a resource id (a UUID)") }),
  },
  async ({ params, body }) => ({
    resources: await attachDraftResource(params.id, body.resourceId),
  }),
);
