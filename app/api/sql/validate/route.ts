import { route } from "@/lib/api/route";
import { checkScriptOnServer } from "@/lib/sql-service/check-script";
import { checkScriptInput } from "@/lib/sql-service/schemas";

export const POST = route({ access: "viewer", body: checkScriptInput }, async ({ body }) =>
  checkScriptOnServer(body.sql, {
    partitionerClasses: body.partitionerClasses,
    otherClasses: body.otherClasses,
    storeFiles: body.storeFiles,
    checkTopics: body.checkTopics,
  }),
);
