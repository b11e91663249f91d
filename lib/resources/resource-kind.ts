/** Which kind of resource a file is, and the name an upload gets when none is given. */

export type ResourceKindName = "JAR" | "JS";

export function kindOfFile(fileName: string): ResourceKindName | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".jar")) return "JAR";
  if (lower.endsWith(".js") || lower.endsWith(".mjs")) return "JS";
  return undefined;
}

export const RESOURCE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** my-partitioner-1.0.jar → my-partitioner-1.0 */
export function resourceNameFromFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const stem = base.replace(/\.(jar|m?js)$/i, "");
  const cleaned = stem.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[^A-Za-z0-9]+/, "");
  return cleaned.slice(0, 128) || "resource";
}

export function contentTypeOf(kind: ResourceKindName): string {
  return kind === "JAR" ? "application/java-archive" : "text/javascript; charset=utf-8";
}
