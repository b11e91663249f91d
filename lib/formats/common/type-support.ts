/** Walks a row type to find the columns a format cannot handle, so validate() names them. */
import type { LogicalType, RowField } from "@/lib/types/logical-type";

/**
 * Returns the first message `check` produces for any field of the row, paired with the
 * top-level column it belongs to.
 */
export function firstUnsupported(
  fields: readonly RowField[],
  check: (t: LogicalType, column: string) => string | undefined,
): { column: string; message: string } | undefined {
  for (const f of fields) {
    const message = check(f.type, f.name);
    if (message !== undefined) return { column: f.name, message };
  }
  return undefined;
}
