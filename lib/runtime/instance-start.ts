/**
 * How one parallel instance of an INSERT starts, in Flink's two-phase-commit order: an exactly-once
 * sink first fences the transactional ids the run's instance wrote with (its own, and those of an
 * earlier run's instances beyond today's parallelism) — a transaction a killed producer left open
 * is aborted, a commit it started is completed — and only then do the sources read where they
 * start, preferring the offsets that the run's last committed transaction stamped.
 *
 * This happens at every start, not only at attempts after the first: a worker killed and its lease
 * taken over (or drained and handed back) leaves the run at attempt 1, so the attempt number
 * cannot tell a first start from a restart. At a run's real first start there is nothing to fence
 * and no offset carries the run's stamp (it names the run), so the same steps change nothing.
 */
import type { BatchOffload } from "./cpu-thread/cpu-thread";
import type { CpuThreadSink } from "./cpu-thread/protocol";
import type { SinkInstance, SourceInstance } from "./operators";

export interface InstanceSinkSetup {
  create(instance: number): Promise<SinkInstance>;
  /** A Kafka sink: what an instance's CPU thread needs to encode and partition for it (cpu-thread/). */
  cpuThread?: CpuThreadSink;
  exactlyOnce?: boolean;
  /** Set for an exactly-once sink of a run: what its transactions stamp on the offsets they commit. */
  transactionStamp?: string;
}

/**
 * Creates a source instance; `transactionStamp` lets it resume from offsets the sink's
 * transactions committed; `offload` is the instance's CPU thread when the plan is pipelined
 * (Kafka sources hand it their batches).
 */
export type InstanceSourceSetup = (
  instance: number,
  transactionStamp?: string,
  offload?: BatchOffload,
) => Promise<SourceInstance>;

export async function startInstance<Leaf>(
  instance: number,
  sinkSetup: InstanceSinkSetup,
  leaves: readonly Leaf[],
  createSource: (leaf: Leaf, stamp: string | undefined) => Promise<SourceInstance>,
  onSource: (source: SourceInstance, leaf: Leaf) => void,
): Promise<SinkInstance> {
  const sink = await sinkSetup.create(instance);
  const stamp = sinkSetup.exactlyOnce ? sinkSetup.transactionStamp : undefined;
  try {
    // Fencing first: only after it are the offsets committed with the fenced transactions final.
    if (sinkSetup.exactlyOnce) await sink.open();
    for (const leaf of leaves) onSource(await createSource(leaf, stamp), leaf);
  } catch (error) {
    await sink.close().catch(() => {}); // no pipeline owns it yet
    throw error;
  }
  return sink;
}
