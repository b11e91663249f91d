/**
 * Where the console diagnoses a cluster: a failed job whose error isNodeAssignmentTimeout links
 * here with its bootstrap servers, and the page runs the diagnosis at once. Browser-safe.
 */
export const DIAGNOSTICS_PATH = "/diagnostics";

export function diagnosisLink(bootstrapServers: string): string {
  return `${DIAGNOSTICS_PATH}?bootstrap=${encodeURIComponent(bootstrapServers)}`;
}
