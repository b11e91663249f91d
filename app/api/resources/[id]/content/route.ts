import { z } from "zod";
import { route } from "@/lib/api/route";
import { resourceContentResponse } from "@/lib/resources/read-resource-content";

export const dynamic = "force-dynamic";

export const GET = route(
  { access: "viewer", params: z.object({ id: z.uuid("must be a resource id (a UUID)") }) },
  async ({ params }) => resourceContentResponse(params.id),
);
