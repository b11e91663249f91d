/** What an upload's inspection finds, and how it refuses a file. */

export interface ResourceContents {
  /** Partitioner class names (JAR) or export names (JS). */
  partitioners: string[];
  /** The other classes or exports. */
  others: string[];
}

/** An upload refused for what the file is (wrong type, empty, too large, truncated, corrupt): 4xx, nothing stored. */
export class ResourceRefused extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413 | 415 | 422 = 422,
  ) {
    super(message);
    this.name = "ResourceRefused";
  }
}

/** Uploads are limited to 100 MiB. */
export const MAX_RESOURCE_BYTES = 100 * 1024 * 1024;
/** The bytes are stored in rows of this size. */
export const RESOURCE_CHUNK_BYTES = 1024 * 1024;
