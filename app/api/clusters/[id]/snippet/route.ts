import { route } from "@/lib/api/route";
import { clusterIdParams, snippetQuery } from "@/lib/clusters/schemas";
import { getClusterProfile } from "@/lib/clusters/cluster-profiles";
import { connectionOptions, connectionSnippet } from "@/lib/clusters/connection-snippet";

export const dynamic = "force-dynamic";

/** The profile's connection as WITH options: `{snippet, options}` (secrets stay references). */
export const GET = route(
  {
    access: "viewer",
    params: clusterIdParams,
    query: snippetQuery,
  },
  async ({ params, query }) => {
    const profile = await getClusterProfile(params.id);
    return {
      cluster: { id: profile.id, name: profile.name },
      snippet: connectionSnippet(profile, { trailingComma: query.trailingComma === "true" }),
      options: Object.fromEntries(connectionOptions(profile)),
    };
  },
);
