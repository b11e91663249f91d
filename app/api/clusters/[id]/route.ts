import { route } from "@/lib/api/route";
import {
  deleteClusterProfile,
  getClusterProfile,
  updateClusterProfile,
} from "@/lib/clusters/cluster-profiles";
import { clusterIdParams, clusterProfileUpdate } from "@/lib/clusters/schemas";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", params: clusterIdParams }, async ({ params }) =>
  getClusterProfile(params.id),
);

export const PUT = route(
  { access: "admin", params: clusterIdParams, body: clusterProfileUpdate },
  async ({ params, body }) => updateClusterProfile(params.id, body),
);

export const DELETE = route({ access: "admin", params: clusterIdParams }, async ({ params }) => {
  await deleteClusterProfile(params.id);
  return new Response(null, { status: 204 });
});
