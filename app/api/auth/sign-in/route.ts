import { route } from "@/lib/api/route";
import { problem, problemResponse } from "@/lib/api/problem";
import { signInInput } from "@/lib/auth/schemas";
import { clientAddress } from "@/lib/auth/client-address";
import { signIn, TooManyAttemptsError } from "@/lib/auth/sign-in";
import { withSessionCookie } from "@/lib/auth/session-response";

export const dynamic = "force-dynamic";

/** Email and password → a session cookie (HttpOnly, SameSite=Lax, 7 days). Rate-limited. */
export const POST = route({ access: "public", body: signInInput }, async ({ request, body }) => {
  try {
    const session = await signIn({
      ...body,
      address: clientAddress(request),
      userAgent: request.headers.get("user-agent"),
    });
    return withSessionCookie({ ok: true }, session);
  } catch (e) {
    if (!(e instanceof TooManyAttemptsError)) throw e;
    const response = problemResponse(problem(429, e.message));
    response.headers.set("retry-after", String(e.retryAfterS));
    return response;
  }
});
