import { z } from "zod";
import { route } from "@/lib/api/route";
import { deleteResource } from "@/lib/resources/delete-resource";
import { getResource } from "@/lib/resources/get-resource";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.uuid("must be a resource id (a UUID)") });

export const GET = route({ access: "viewer", params }, async ({ params }) =>
  getResource(params.id),
);

export const DELETE = route({ access: "editor", params }, async ({ params }) => {
  await deleteResource(params.id);
  return new Response(null, { status: 204 });
});
