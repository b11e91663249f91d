import type { Diagnostic } from "@/lib/sql/diagnostic";

export interface ValidationRequest {
  id: number;
  sql: string;
  partitionerClasses?: string[];
  otherClasses?: string[];
  /** Validate at once (a document was loaded, or the user asked) instead of after a pause. */
  immediate?: boolean;
}

export interface ValidationResponse {
  id: number;
  diagnostics: Diagnostic[];
  elapsedMs: number;
}
