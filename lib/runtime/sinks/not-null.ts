/**
 * Flink's sink NOT NULL enforcer (table.exec.sink.not-null-enforcer = ERROR, the default): a null
 * in a NOT NULL sink column fails the job with Flink's message, naming the column.
 */
import type { SinkColumn } from "@/lib/sql/insert";
import type { Value } from "@/lib/types/logical-type";
import { RecordError } from "../failure";
import type { RecordCoordinates } from "../job-runtime";

export class NotNullEnforcer {
  private readonly checks: Array<{ index: number; name: string }>;

  constructor(columns: readonly SinkColumn[]) {
    this.checks = columns.flatMap((c, index) => (c.type.nullable ? [] : [{ index, name: c.name }]));
  }

  check(row: readonly Value[], coords: RecordCoordinates): void {
    for (const { index, name } of this.checks) {
      if (row[index] === null) {
        throw new RecordError(
          `Column '${name}' is NOT NULL, however, a null value is being written into it. You can set job configuration 'table.exec.sink.not-null-enforcer'='DROP' to suppress this exception and drop such records silently.`,
          { ...coords, column: name },
        );
      }
    }
  }
}
