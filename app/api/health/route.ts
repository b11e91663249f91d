import { route } from "@/lib/api/route";
import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

export const GET = route({ access: "public" }, async () => {
  const report = await checkHealth();
  return Response.json(report, {
    status: report.ok ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
});
