import { route } from "@/lib/api/route";
import { revokeSessionsQuery } from "@/lib/auth/schemas";
import { listActiveSessions, revokeUserSessions } from "@/lib/auth/sessions";
import { withSessionCookie } from "@/lib/auth/session-response";

export const dynamic = "force-dynamic";

/** The caller's own signed-in browsers (created, last seen, user agent, address). */
export const GET = route({ access: "viewer" }, async ({ session }) => ({
  sessions: await listActiveSessions(
    session.userId,
    session.via === "session" ? session.credentialId : null,
  ),
}));

/**
 * Sign out everywhere: every session of the caller, or with `?keep=current` all but the one
 * asking. Without `keep` the caller's own cookie is cleared too.
 */
export const DELETE = route(
  { access: "viewer", query: revokeSessionsQuery },
  async ({ session, query }) => {
    const current = session.via === "session" ? session.credentialId : null;
    const keep = query.keep === "current" ? current : null;
    const revoked = await revokeUserSessions(session.userId, { exceptId: keep });
    return keep || !current ? { revoked } : withSessionCookie({ revoked }, null);
  },
);
