/** Which kind of resource a file is, and the name an upload gets when none is given. */

export type ResourceKindName = "JAR" | "JS" | "STORE";

/** Key and trust stores by their usual file names (keytool's .jks, .p12/.pfx, PEM files). */
const STORE_EXTENSIONS = /\.(jks|p12|pfx|pem|crt)$/i;

export function kindOfFile(fileName: string): ResourceKindName | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".jar")) return "JAR";
  if (lower.endsWith(".js") || lower.endsWith(".mjs")) return "JS";
  if (STORE_EXTENSIONS.test(lower)) return "STORE";
  return undefined;
}

export const RESOURCE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** my-partitioner-1.0.jar → my-partitioner-1.0 (a store keeps its extension: truststore.jks). */
export function resourceNameFromFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  const stem = base.replace(/\.(jar|m?js)$/i, "");
  const cleaned = stem.replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[^A-Za-z0-9]+/, "");
  return cleaned.slice(0, 128) || "resource";
}

export function contentTypeOf(kind: ResourceKindName): string {
  return kind === "JAR"
    ? "application/java-archive"
    : kind === "JS"
      ? "text/javascript; charset=utf-8"
      : "application/octet-stream";
}

/**
 * Where a Flink SQL script names an attached file: `/flink/usrlib/<file name>`, the directory
 * Ververica Platform and Alibaba Cloud's Realtime Compute for Apache Flink put a job's
 * additional dependencies in (Alibaba documents `'properties.ssl.truststore.location' =
 * '/flink/usrlib/kafka.client.truststore.jks'`), so the same script runs there unchanged.
 */
export const ATTACHED_FILES_DIR = "/flink/usrlib/";

/** The file name a location names among the attached resources, or undefined for any other path. */
export function attachedFileName(location: string): string | undefined {
  if (!location.startsWith(ATTACHED_FILES_DIR)) return undefined;
  const rest = location.slice(ATTACHED_FILES_DIR.length);
  return rest === "" || rest.includes("/") ? undefined : rest;
}
