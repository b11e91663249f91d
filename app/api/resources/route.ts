import { z } from "zod";
import { route } from "@/lib/api/route";
import { listResources } from "@/lib/resources/list-resources";
import { uploadResource } from "@/lib/resources/upload-resource";

export const dynamic = "force-dynamic";

export const GET = route(
  { access: "viewer", query: z.object({ search: z.string().max(200).optional() }) },
  async ({ query }) => ({ resources: await listResources(query.search) }),
);

export const POST = route({ access: "editor" }, async ({ request, session }) => {
  const uploaded = await uploadResource(request, session.userId);
  return Response.json(uploaded, { status: uploaded.unchanged ? 200 : 201 });
});
