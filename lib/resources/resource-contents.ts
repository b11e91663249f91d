/**
 * What an upload's inspection finds. A file is refused with a domain error (lib/domain-errors.ts)
 * that says why: Invalid (corrupt, no partitioner), UnsupportedType (not a JAR, a JCEKS store),
 * BadInput (empty, cut off), TooLarge — nothing is stored.
 */

export interface ResourceContents {
  /** Partitioner class names (JAR) or export names (JS). */
  partitioners: string[];
  /** The other classes or exports. */
  others: string[];
}

/** Uploads are limited to 100 MiB. */
export const MAX_RESOURCE_BYTES = 100 * 1024 * 1024;
/** The bytes are stored in rows of this size. */
export const RESOURCE_CHUNK_BYTES = 1024 * 1024;
