import { route } from "@/lib/api/route";
import { resourceIdParams } from "@/lib/resources/schemas";
import { resourceContentResponse } from "@/lib/resources/read-resource-content";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", params: resourceIdParams }, async ({ params }) =>
  resourceContentResponse(params.id),
);
