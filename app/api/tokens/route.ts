import { route } from "@/lib/api/route";
import { createTokenInput } from "@/lib/auth/schemas";
import { createApiToken, listApiTokens } from "@/lib/auth/api-tokens";

export const dynamic = "force-dynamic";

/** Your API tokens; an admin sees everyone's. */
export const GET = route({ access: "viewer" }, async ({ session }) => ({
  tokens: await listApiTokens(session.role === "admin" ? {} : { userId: session.userId }),
}));

/** A new token for yourself, with at most your role; the token is in the answer, once. */
export const POST = route(
  { access: "viewer", body: createTokenInput },
  async ({ session, body }) => {
    const created = await createApiToken({
      userId: session.userId,
      name: body.name,
      role: body.role,
      maxRole: session.role,
    });
    return Response.json(
      { token: created.token, ...created.summary },
      { status: 201, headers: { "cache-control": "no-store" } },
    );
  },
);
