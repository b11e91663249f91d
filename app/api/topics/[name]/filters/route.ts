import { z } from "zod";
import { route } from "@/lib/api/route";
import { listSavedFilters, saveFilter, saveFilterInput } from "@/lib/topics/saved-filters";

export const dynamic = "force-dynamic";

const params = z.object({ name: z.string().min(1) });
const query = z.object({ cluster: z.string().min(1).optional() });

export const GET = route({ access: "viewer", params, query }, async ({ params, query }) => ({
  filters: await listSavedFilters(query.cluster, params.name),
}));

export const POST = route(
  { access: "editor", params, query, body: saveFilterInput },
  async ({ params, query, body }) =>
    Response.json(await saveFilter(query.cluster, params.name, body), { status: 201 }),
);
