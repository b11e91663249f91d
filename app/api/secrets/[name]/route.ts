import { z } from "zod";
import { route } from "@/lib/api/route";
import { deleteSecret, putSecret, putSecretInput, secretName } from "@/lib/secrets/secret-store";

export const dynamic = "force-dynamic";

const params = z.object({ name: secretName });

export const PUT = route(
  { access: "admin", params, body: putSecretInput },
  async ({ params, body }) => putSecret(params.name, body),
);

export const DELETE = route({ access: "admin", params }, async ({ params }) => {
  await deleteSecret(params.name);
  return new Response(null, { status: 204 });
});
