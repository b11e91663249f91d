import { route } from "@/lib/api/route";
import { revokeSession, sessionTokenOf } from "@/lib/auth/sessions";
import { withSessionCookie } from "@/lib/auth/session-response";

export const dynamic = "force-dynamic";

/** Revokes the session on the server (a copy of the cookie stops working too) and clears it. */
export const POST = route({ access: "public" }, async ({ request }) => {
  const token = sessionTokenOf(request);
  if (token) await revokeSession(token);
  return withSessionCookie({ ok: true }, null);
});
