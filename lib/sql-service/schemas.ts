/**
 * The SQL routes' schemas (lib/<domain>/schemas.ts): `POST /api/sql/validate` and
 * `/api/sql/explain` take a script with the resources the job will have attached. Browser-safe.
 */
import { z } from "zod";
import { sqlText } from "@/lib/drafts/schemas";
import { ENGINE_CHOICES } from "@/lib/runtime/engine-choice";

export const checkScriptInput = z.object({
  sql: sqlText,
  /** Class names of custom partitioners the job will have attached. */
  partitionerClasses: z.array(z.string().min(1)).optional(),
  /** Which of partitionerClasses are JavaScript exports (only the embedded engine runs them). */
  jsPartitionerClasses: z.array(z.string().min(1)).optional(),
  /** The attached resources' other classes or exports (named in sink.partitioner, they are no partitioner). */
  otherClasses: z.array(z.string().min(1)).optional(),
  /** The attached key and trust stores, named `/flink/usrlib/<fileName>` in ssl.*store.location. */
  storeFiles: z
    .array(z.object({ fileName: z.string().min(1), type: z.enum(["JKS", "PKCS12", "PEM"]) }))
    .optional(),
  /** Also warn about topics missing on the console's cluster (check-topics.ts, bounded in time). */
  checkTopics: z.boolean().optional(),
  /** The engine the plan is explained for (default auto: the plan says which and why). */
  engine: z.enum(ENGINE_CHOICES).optional(),
});
