import type { Diagnostic } from "@/lib/sql/diagnostic";
import type { AttachedStoreFile } from "@/lib/connectors/factory";

export interface ValidationRequest {
  id: number;
  sql: string;
  partitionerClasses?: string[];
  otherClasses?: string[];
  /** The attached key and trust stores (`/flink/usrlib/<fileName>` in ssl.*store.location). */
  storeFiles?: AttachedStoreFile[];
  /** Validate at once (a document was loaded, or the user asked) instead of after a pause. */
  immediate?: boolean;
}

export interface ValidationResponse {
  id: number;
  diagnostics: Diagnostic[];
  elapsedMs: number;
}
