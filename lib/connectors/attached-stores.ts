/**
 * `properties.ssl.truststore.location` / `properties.ssl.keystore.location` naming an attached key
 * or trust store as `/flink/usrlib/<file name>` (lib/resources/resource-kind.ts): when the job's
 * resources are known, the file must be one of its attached stores, and the store's declared type
 * must fit the file. Java (9 and later, `keystore.type.compat`) loads a JKS store as PKCS12 and
 * the reverse, so only PEM against JKS/PKCS12 is a mismatch — Kafka reads PEM with its own loader.
 * Browser-safe.
 */
import type { AttachedStoreFile } from "./factory";
import { closestMatch } from "./did-you-mean";
import type { OptionsContext } from "./options-context";
import type { TableOption } from "./table";
import { attachedFileName, ATTACHED_FILES_DIR } from "@/lib/resources/resource-kind";

const STORES = [
  { location: "ssl.truststore.location", type: "ssl.truststore.type", what: "trust store" },
  { location: "ssl.keystore.location", type: "ssl.keystore.type", what: "key store" },
] as const;

export function checkAttachedStores(
  o: OptionsContext,
  properties: Readonly<Record<string, string>>,
  spans: ReadonlyMap<string, TableOption>,
  attached: readonly AttachedStoreFile[] | undefined,
  prefix: string,
): void {
  if (attached === undefined) return;
  for (const store of STORES) {
    const location = properties[store.location];
    const span = spans.get(store.location)?.valueSpan;
    if (location === undefined || !span) continue;
    const fileName = attachedFileName(location);
    if (fileName === undefined) continue;
    const file = attached.find((f) => f.fileName === fileName);
    if (!file) {
      const match = closestMatch(
        fileName,
        attached.map((f) => f.fileName),
      );
      o.error(
        `No ${store.what} '${fileName}' is attached to the job: '${ATTACHED_FILES_DIR}<file name>' names an attached key or trust store resource. ` +
          (match !== undefined
            ? `Did you mean '${ATTACHED_FILES_DIR}${match}'?`
            : attached.length > 0
              ? `The attached stores are: ${attached.map((f) => `'${f.fileName}'`).join(", ")}.`
              : "Upload it on the resources page and attach it to the job."),
        span,
      );
      continue;
    }
    const declared = (properties[store.type] ?? "JKS").toUpperCase();
    const isPem = file.type === "PEM";
    if (declared === "PEM" ? !isPem : isPem && (declared === "JKS" || declared === "PKCS12")) {
      o.error(
        `The ${store.what} '${fileName}' is a ${file.type} file, but '${prefix}${store.type}' is ${declared}${properties[store.type] === undefined ? " (the default)" : ""}: set '${prefix}${store.type}' = '${isPem ? "PEM" : file.type}'.`,
        spans.get(store.type)?.valueSpan ?? span,
      );
    }
  }
}

/** The attached key and trust stores among a job's resources, by file name and format. */
export function attachedStoreFiles(
  resources: ReadonlyArray<{ kind: string; fileName?: string; storeType?: string }>,
): AttachedStoreFile[] {
  return resources.flatMap((r) =>
    r.kind === "STORE" && r.fileName && r.storeType
      ? [{ fileName: r.fileName, type: r.storeType as AttachedStoreFile["type"] }]
      : [],
  );
}
