import { route } from "@/lib/api/route";
import { checkScript, checkScriptInput } from "@/lib/sql-service/check-script";

export const POST = route({ access: "viewer", body: checkScriptInput }, async ({ body }) =>
  checkScript(body.sql, body.partitionerClasses, body.otherClasses),
);
