import { route } from "@/lib/api/route";
import { listSavedFilters, saveFilter } from "@/lib/topics/saved-filters";
import {
  clusterQuery as query,
  saveFilterInput,
  topicParams as params,
} from "@/lib/topics/schemas";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", params, query }, async ({ params, query }) => ({
  filters: await listSavedFilters(query.cluster, params.name),
}));

export const POST = route(
  { access: "editor", params, query, body: saveFilterInput },
  async ({ params, query, body }) =>
    Response.json(await saveFilter(query.cluster, params.name, body), { status: 201 }),
);
