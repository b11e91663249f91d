import { route } from "@/lib/api/route";
import { checkScriptInput, checkScriptOnServer } from "@/lib/sql-service/check-script";

export const POST = route({ access: "viewer", body: checkScriptInput }, async ({ body }) =>
  checkScriptOnServer(body.sql, {
    partitionerClasses: body.partitionerClasses,
    otherClasses: body.otherClasses,
    storeFiles: body.storeFiles,
    checkTopics: body.checkTopics,
  }),
);
