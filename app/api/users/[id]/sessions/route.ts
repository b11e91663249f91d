import { route } from "@/lib/api/route";
import { idParams } from "@/lib/auth/schemas";
import { signOutUserEverywhere } from "@/lib/auth/users";

export const dynamic = "force-dynamic";

/** (admin) Ends every session of a user: a lost laptop, a shared browser. */
export const DELETE = route({ access: "admin", params: idParams }, async ({ params }) =>
  signOutUserEverywhere(params.id),
);
