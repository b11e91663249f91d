import { route } from "@/lib/api/route";
import { clusterIdParams } from "@/lib/clusters/schemas";
import { getClusterProfile } from "@/lib/clusters/cluster-profiles";
import { testClusterConnection } from "@/lib/clusters/test-cluster-connection";

export const dynamic = "force-dynamic";

/** 200 with the diagnosis whatever the verdict, as POST /api/diagnostics/kafka. */
export const POST = route({ access: "editor", params: clusterIdParams }, async ({ params }) => {
  const report = await testClusterConnection(await getClusterProfile(params.id));
  return Response.json(report, { headers: { "cache-control": "no-store" } });
});
