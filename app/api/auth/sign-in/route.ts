import { route } from "@/lib/api/route";
import { signInInput } from "@/lib/auth/schemas";
import { clientAddress } from "@/lib/auth/client-address";
import { signIn } from "@/lib/auth/sign-in";
import { withSessionCookie } from "@/lib/auth/session-response";

export const dynamic = "force-dynamic";

/** Email and password → a session cookie (HttpOnly, SameSite=Lax, 7 days). Rate-limited. */
export const POST = route({ access: "public", body: signInInput }, async ({ request, body }) => {
  const session = await signIn({
    ...body,
    address: clientAddress(request),
    userAgent: request.headers.get("user-agent"),
  });
  return withSessionCookie({ ok: true }, session);
});
