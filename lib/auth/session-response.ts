import { consoleOrigins } from "./console-origin";
import { clearedSessionCookie, sessionCookie } from "./sessions";

/** A JSON answer that sets (or, with token null, clears) the session cookie. */
export function withSessionCookie(
  body: unknown,
  session: { token: string; expiresAt: Date } | null,
  status = 200,
): Response {
  const { secure } = consoleOrigins();
  const response = Response.json(body, { status, headers: { "cache-control": "no-store" } });
  response.headers.append(
    "set-cookie",
    session
      ? sessionCookie(session.token, session.expiresAt, secure)
      : clearedSessionCookie(secure),
  );
  return response;
}
