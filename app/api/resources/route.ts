import { route } from "@/lib/api/route";
import { resourceListQuery } from "@/lib/resources/schemas";
import { listResources } from "@/lib/resources/list-resources";
import { uploadResource } from "@/lib/resources/upload-resource";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", query: resourceListQuery }, async ({ query }) => ({
  resources: await listResources(query.search),
}));

export const POST = route({ access: "editor" }, async ({ request, session }) => {
  const uploaded = await uploadResource(request, session.userId);
  return Response.json(uploaded, { status: uploaded.unchanged ? 200 : 201 });
});
