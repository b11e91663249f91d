import { route } from "@/lib/api/route";
import { explainScript } from "@/lib/sql-service/check-script";
import { checkScriptInput } from "@/lib/sql-service/schemas";

export const POST = route({ access: "viewer", body: checkScriptInput }, async ({ body }) =>
  explainScript(body.sql, {
    partitionerClasses: body.partitionerClasses,
    jsPartitionerClasses: body.jsPartitionerClasses,
    otherClasses: body.otherClasses,
    storeFiles: body.storeFiles,
    engine: body.engine,
  }),
);
