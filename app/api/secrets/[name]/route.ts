import { route } from "@/lib/api/route";
import { deleteSecret, putSecret } from "@/lib/secrets/secret-store";
import { putSecretInput, secretNameParams as params } from "@/lib/secrets/schemas";

export const dynamic = "force-dynamic";

export const PUT = route(
  { access: "admin", params, body: putSecretInput },
  async ({ params, body }) => putSecret(params.name, body),
);

export const DELETE = route({ access: "admin", params }, async ({ params }) => {
  await deleteSecret(params.name);
  return new Response(null, { status: 204 });
});
