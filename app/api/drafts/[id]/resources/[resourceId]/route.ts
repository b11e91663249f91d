import { z } from "zod";
import { route } from "@/lib/api/route";
import { detachDraftResource } from "@/lib/resources/draft-resources";

export const dynamic = "force-dynamic";

export const DELETE = route(
  {
    access: "editor",
    params: z.object({
      id: z.uuid("must be a draft id (a UUID)"),
      resourceId: z.uuid("must be a resource id (a UUID)"),
    }),
  },
  async ({ params }) => ({ resources: await detachDraftResource(params.id, params.resourceId) }),
);
