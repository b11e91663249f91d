import { route } from "@/lib/api/route";
import { idParams, updateUserInput } from "@/lib/auth/schemas";
import { updateUser } from "@/lib/auth/users";

export const dynamic = "force-dynamic";

/** Change a user's role, disable or enable them, reset their password (ends their sessions). */
export const PATCH = route(
  { access: "admin", params: idParams, body: updateUserInput },
  async ({ params, body }) => updateUser(params.id, body),
);
