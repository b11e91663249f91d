import { route } from "@/lib/api/route";
import { listSecrets } from "@/lib/secrets/secret-store";

export const dynamic = "force-dynamic";

/** Names and timestamps only: secret values never leave the server. */
export const GET = route({ access: "admin" }, async () => ({ secrets: await listSecrets() }));
