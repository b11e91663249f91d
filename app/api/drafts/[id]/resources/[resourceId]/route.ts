import { route } from "@/lib/api/route";
import { draftResourceParams } from "@/lib/drafts/schemas";
import { detachDraftResource } from "@/lib/resources/draft-resources";

export const dynamic = "force-dynamic";

export const DELETE = route(
  { access: "editor", params: draftResourceParams },
  async ({ params }) => ({
    resources: await detachDraftResource(params.id, params.resourceId),
  }),
);
