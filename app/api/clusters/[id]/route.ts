import { z } from "zod";
import { route } from "@/lib/api/route";
import {
  deleteClusterProfile,
  getClusterProfile,
  updateClusterProfile,
} from "@/lib/clusters/cluster-profiles";
import { clusterProfileUpdate } from "@/lib/clusters/profile-input";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.string().min(1) });

export const GET = route({ access: "viewer", params }, async ({ params }) =>
  getClusterProfile(params.id),
);

export const PUT = route(
  { access: "admin", params, body: clusterProfileUpdate },
  async ({ params, body }) => updateClusterProfile(params.id, body),
);

export const DELETE = route({ access: "admin", params }, async ({ params }) => {
  await deleteClusterProfile(params.id);
  return new Response(null, { status: 204 });
});
