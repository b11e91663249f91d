import type { z } from "zod";
import { route } from "@/lib/api/route";
import type { signedInSession } from "@/lib/auth/schemas";
import { adminExists } from "@/lib/auth/users";

export const dynamic = "force-dynamic";

/** Who is signed in, and whether the console still waits for its first admin (setup link). */
export const GET = route(
  { access: "public" },
  async ({ session }): Promise<z.input<typeof signedInSession>> => ({
    user: session.anonymous ? null : { email: session.email, role: session.role, via: session.via },
    setupRequired: session.anonymous ? !(await adminExists()) : false,
  }),
);
