import { route } from "@/lib/api/route";
import { attachResourceInput, draftIdParams } from "@/lib/drafts/schemas";
import { attachDraftResource, listDraftResources } from "@/lib/resources/draft-resources";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", params: draftIdParams }, async ({ params }) => ({
  resources: await listDraftResources(params.id),
}));

export const POST = route(
  { access: "editor", params: draftIdParams, body: attachResourceInput },
  async ({ params, body }) => ({
    resources: await attachDraftResource(params.id, body.resourceId),
  }),
);
