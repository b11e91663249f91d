import { route } from "@/lib/api/route";
import { listSecrets } from "@/lib/secrets/secret-store";

export const dynamic = "force-dynamic";

/**
 * The names of stored secrets, for `${secret_values.name}` completion: editors write scripts that
 * reference secrets without being allowed to manage them (GET /api/secrets is for admins).
 */
export const GET = route({ access: "editor" }, async () => ({
  names: (await listSecrets()).map((s) => s.name),
}));
