/**
 * `INSERT … VALUES` (Flink's Values operator, which always runs with parallelism 1): the rows are
 * emitted once by instance 0; other instances emit nothing.
 */
import { evaluate, type EvalContext } from "@/lib/sql/evaluate";
import type { Rex, ValuesRel } from "@/lib/sql/rel";
import type { Value } from "@/lib/types/logical-type";
import { evaluationFailure } from "../chain";
import type { CheckpointLock, Downstream, SourceCounters, SourceInstance } from "../operators";
import { OffsetlessSource } from "./offsetless-source";

export class ValuesSource extends OffsetlessSource implements SourceInstance {
  readonly counters: SourceCounters = { numRecordsIn: 0, numBytesIn: 0, numRecordsInErrors: 0 };
  private readonly rows: Rex[][];

  constructor(
    rel: ValuesRel,
    private readonly instance: number,
    private readonly ctx: EvalContext,
  ) {
    super();
    this.rows = rel.rows;
  }

  async run(downstream: Downstream, lock: CheckpointLock): Promise<void> {
    if (this.instance !== 0) return;
    await lock.run(async () => {
      const pending: Array<Promise<void>> = [];
      this.rows.forEach((row, i) => {
        this.counters.numRecordsIn++;
        const coords = { row: i + 1 };
        let values: Value[];
        try {
          values = row.map((rex) => evaluate(rex, [], this.ctx));
        } catch (error) {
          throw evaluationFailure(error, coords);
        }
        const bp = downstream("+I", values, coords);
        if (bp) pending.push(bp);
      });
      await Promise.all(pending);
    });
  }

  async stop(): Promise<void> {}
}
