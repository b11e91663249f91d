import { route } from "@/lib/api/route";
import { checkScriptInput, explainScript } from "@/lib/sql-service/check-script";

export const POST = route({ access: "viewer", body: checkScriptInput }, async ({ body }) =>
  explainScript(body.sql, {
    partitionerClasses: body.partitionerClasses,
    jsPartitionerClasses: body.jsPartitionerClasses,
    otherClasses: body.otherClasses,
    storeFiles: body.storeFiles,
    engine: body.engine,
  }),
);
