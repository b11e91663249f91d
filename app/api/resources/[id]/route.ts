import { route } from "@/lib/api/route";
import { resourceIdParams } from "@/lib/resources/schemas";
import { deleteResource } from "@/lib/resources/delete-resource";
import { getResource } from "@/lib/resources/get-resource";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", params: resourceIdParams }, async ({ params }) =>
  getResource(params.id),
);

export const DELETE = route({ access: "editor", params: resourceIdParams }, async ({ params }) => {
  await deleteResource(params.id);
  return new Response(null, { status: 204 });
});
