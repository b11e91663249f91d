import { route } from "@/lib/api/route";
import { createClusterProfile, listClusterProfiles } from "@/lib/clusters/cluster-profiles";
import { clusterProfileInput } from "@/lib/clusters/schemas";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer" }, async () => ({
  clusters: await listClusterProfiles(),
}));

export const POST = route({ access: "admin", body: clusterProfileInput }, async ({ body }) =>
  Response.json(await createClusterProfile(body), { status: 201 }),
);
