/**
 * A table's `properties.ssl.truststore.location` / `ssl.keystore.location` naming an attached key
 * or trust store as `/flink/usrlib/<file name>` (resource-kind.ts), swapped for the local copy a
 * worker made of it (attached-stores.ts) before the Kafka client reads the store.
 */
import { attachedFileName, ATTACHED_FILES_DIR } from "./resource-kind";

/** The local path of an attached store by its file name; undefined when none is attached by that name. */
export type AttachedStoreResolver = (fileName: string) => Promise<string | undefined>;

const LOCATION_KEYS = ["ssl.truststore.location", "ssl.keystore.location"] as const;

export class AttachedStoreMissing extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AttachedStoreMissing";
  }
}

/**
 * The Kafka client properties with each `/flink/usrlib/<file>` store location replaced by the
 * attached store's local copy. Other locations (a path on the worker) are left as they are.
 */
export async function withAttachedStoreLocations(
  properties: Readonly<Record<string, string>>,
  resolve: AttachedStoreResolver | undefined,
): Promise<Record<string, string>> {
  const out = { ...properties };
  for (const key of LOCATION_KEYS) {
    const location = properties[key];
    const fileName = location === undefined ? undefined : attachedFileName(location);
    if (fileName === undefined) continue;
    const local = resolve ? await resolve(fileName) : undefined;
    if (local === undefined)
      throw new AttachedStoreMissing(
        `'properties.${key}' = '${location}' names an attached store, but no key or trust store resource with the file name '${fileName}' is attached to this job: attach it (${ATTACHED_FILES_DIR}<file name> names attached resources) and deploy again.`,
      );
    out[key] = local;
  }
  return out;
}
