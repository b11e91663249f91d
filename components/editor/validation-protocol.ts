import type { Diagnostic } from "@/lib/sql/diagnostic";

export interface ValidationRequest {
  id: number;
  sql: string;
  partitionerClasses?: string[];
  otherClasses?: string[];
}

export interface ValidationResponse {
  id: number;
  diagnostics: Diagnostic[];
  elapsedMs: number;
}
