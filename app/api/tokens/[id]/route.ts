import { route } from "@/lib/api/route";
import { idParams } from "@/lib/auth/schemas";
import { revokeApiToken } from "@/lib/auth/api-tokens";

export const dynamic = "force-dynamic";

/** Revokes one of your tokens (an admin: anyone's). */
export const DELETE = route({ access: "viewer", params: idParams }, async ({ session, params }) => {
  await revokeApiToken(params.id, session.role === "admin" ? {} : { userId: session.userId });
  return new Response(null, { status: 204 });
});
