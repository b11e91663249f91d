import { route } from "@/lib/api/route";
import { checkScript, checkScriptInput } from "@/lib/sql-service/check-script";
import { checkScriptAndTopics } from "@/lib/sql-service/check-topics";

export const POST = route({ access: "viewer", body: checkScriptInput }, async ({ body }) =>
  body.checkTopics
    ? checkScriptAndTopics(body.sql, body.partitionerClasses)
    : checkScript(body.sql, body.partitionerClasses),
);
