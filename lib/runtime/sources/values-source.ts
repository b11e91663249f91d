/**
 * `INSERT … VALUES` (Flink's Values operator, which always runs with parallelism 1): the rows are
 * emitted once by instance 0; other instances emit nothing.
 */
import type { ValuesRel } from "@/lib/sql/rel";
import type { Value } from "@/lib/types/logical-type";
import { compileRex } from "../rex-eval";
import type { CheckpointLock, CheckpointOffsets, Downstream, SourceCounters, SourceInstance } from "../operators";

export class ValuesSource implements SourceInstance {
  readonly counters: SourceCounters = { numRecordsIn: 0, numBytesIn: 0, numRecordsInErrors: 0 };
  private readonly rows: Array<Array<(row: readonly Value[]) => Value>>;

  constructor(
    rel: ValuesRel,
    private readonly instance: number,
  ) {
    this.rows = rel.rows.map((row) => row.map(compileRex));
  }

  async run(downstream: Downstream, lock: CheckpointLock): Promise<void> {
    if (this.instance !== 0) return;
    await lock.run(async () => {
      const pending: Array<Promise<void>> = [];
      this.rows.forEach((row, i) => {
        this.counters.numRecordsIn++;
        const bp = downstream("+I", row.map((f) => f([])), { row: i + 1 });
        if (bp) pending.push(bp);
      });
      await Promise.all(pending);
    });
  }

  checkpointOffsets(): CheckpointOffsets | undefined {
    return undefined;
  }
  async commit(): Promise<void> {}
  resumeOffsets() {
    return {};
  }
  lagByPartition() {
    return {};
  }
  assignedPartitions() {
    return [];
  }
  halt(): void {
    void this.stop();
  }
  async stop(): Promise<void> {}
}
