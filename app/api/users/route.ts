import { route } from "@/lib/api/route";
import { createUserInput } from "@/lib/auth/schemas";
import { createUser, listUsers } from "@/lib/auth/users";

export const dynamic = "force-dynamic";

export const GET = route({ access: "admin" }, async () => ({ users: await listUsers() }));

export const POST = route({ access: "admin", body: createUserInput }, async ({ body }) =>
  Response.json(await createUser(body), { status: 201 }),
);
