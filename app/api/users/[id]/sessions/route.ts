import { z } from "zod";
import { route } from "@/lib/api/route";
import { signOutUserEverywhere } from "@/lib/auth/users";

export const dynamic = "force-dynamic";

/** (admin) Ends every session of a user: a lost laptop, a shared browser. */
export const DELETE = route(
  { access: "admin", params: z.object({ id: z.uuid() }) },
  async ({ params }) => signOutUserEverywhere(params.id),
);
