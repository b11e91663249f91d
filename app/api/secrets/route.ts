import { route } from "@/lib/api/route";
import { createSecret, listSecrets } from "@/lib/secrets/secret-store";
import { createSecretInput } from "@/lib/secrets/schemas";

export const dynamic = "force-dynamic";

/** Names and timestamps only: secret values never leave the server. */
export const GET = route({ access: "admin" }, async () => ({ secrets: await listSecrets() }));

/**
 * Creates a new secret `{name, value, bootstrapServers}` (409 when the name exists): editors may,
 * to move a literal password out of their SQL. Replacing and deleting need an admin (PUT/DELETE).
 */
export const POST = route({ access: "editor", body: createSecretInput }, async ({ body }) =>
  Response.json(await createSecret(body), { status: 201 }),
);
