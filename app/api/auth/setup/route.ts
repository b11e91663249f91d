import { route } from "@/lib/api/route";
import { setupInput } from "@/lib/auth/schemas";
import { clientAddress } from "@/lib/auth/client-address";
import { completeSetup } from "@/lib/auth/first-admin";
import { createSession } from "@/lib/auth/sessions";
import { withSessionCookie } from "@/lib/auth/session-response";

export const dynamic = "force-dynamic";

/** The one-time setup link's form: creates the first admin and signs them in. */
export const POST = route({ access: "public", body: setupInput }, async ({ request, body }) => {
  const { userId } = await completeSetup(body);
  const session = await createSession(userId, {
    userAgent: request.headers.get("user-agent"),
    address: clientAddress(request),
  });
  return withSessionCookie({ ok: true }, session, 201);
});
