import { route } from "@/lib/api/route";
import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

/**
 * Open to anyone for load balancers and start scripts, but anonymously only `{"ok"}`: which
 * components exist, their versions, addresses and errors are for signed-in users and tokens.
 */
export const GET = route({ access: "public" }, async ({ session }) => {
  const report = await checkHealth();
  return Response.json(session.anonymous ? { ok: report.ok } : report, {
    status: report.ok ? 200 : 503,
    headers: { "cache-control": "no-store" },
  });
});
