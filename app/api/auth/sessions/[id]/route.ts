import { route } from "@/lib/api/route";
import { idParams } from "@/lib/auth/schemas";
import { revokeOwnSession } from "@/lib/auth/sessions";
import { withSessionCookie } from "@/lib/auth/session-response";

export const dynamic = "force-dynamic";

/** Revokes one of the caller's own sessions (the current one signs out, clearing the cookie). */
export const DELETE = route({ access: "viewer", params: idParams }, async ({ session, params }) => {
  await revokeOwnSession(session.userId, params.id);
  const current = session.via === "session" && session.credentialId === params.id;
  return current ? withSessionCookie({ revoked: 1 }, null) : { revoked: 1 };
});
