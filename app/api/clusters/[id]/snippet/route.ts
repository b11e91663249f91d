import { z } from "zod";
import { route } from "@/lib/api/route";
import { getClusterProfile } from "@/lib/clusters/cluster-profiles";
import { connectionOptions, connectionSnippet } from "@/lib/clusters/connection-snippet";

export const dynamic = "force-dynamic";

/** The profile's connection as WITH options: `{snippet, options}` (secrets stay references). */
export const GET = route(
  {
    access: "viewer",
    params: z.object({ id: z.string().min(1) }),
    query: z.object({ trailingComma: z.enum(["true", "false"]).optional() }),
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
