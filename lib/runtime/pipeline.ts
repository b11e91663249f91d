/**
 * One INSERT at one parallel instance: its sources push through the chain into its sink; every
 * checkpoint interval the sink is made durable and then (at-least-once) the source offsets are
 * committed, or (exactly-once) the offsets are committed inside the sink's transaction. Record
 * processing and checkpoints take turns through one lock, so a checkpoint never splits a batch.
 */
import type {
  CheckpointLock,
  CheckpointOffsets,
  Downstream,
  SinkInstance,
  SourceInstance,
} from "./operators";

export interface PipelineParts {
  instance: number;
  sources: Array<{ source: SourceInstance; push: Downstream }>;
  sink: SinkInstance & { tick?(): Promise<void> | undefined };
  lock: CheckpointLock;
  checkpointIntervalMs: number;
  onCheckpoint(at: Date): void;
  /** The instance's CPU thread when the plan is pipelined: its death fails the pipeline; it ends with it. */
  cpuThread?: { failed: Promise<never>; terminate(): Promise<void> };
}

export class Pipeline {
  private timer: NodeJS.Timeout | undefined;
  private ticker: NodeJS.Timeout | undefined;
  private stopping = false;
  private checkpointing: Promise<void> | undefined;
  private failure: ((e: unknown) => void) | undefined;

  constructor(readonly parts: PipelineParts) {}

  get instance(): number {
    return this.parts.instance;
  }

  /** Runs to the end of bounded sources (then a last checkpoint) or until stopped; rejects on failure. */
  async run(): Promise<void> {
    const { parts } = this;
    await parts.sink.open();
    const failed = new Promise<never>((_, reject) => (this.failure = reject));
    failed.catch(() => {});
    parts.cpuThread?.failed.catch((e) => this.failure?.(e));
    this.timer = setInterval(() => {
      if (!this.stopping) this.checkpoint().catch((e) => this.failure?.(e));
    }, parts.checkpointIntervalMs);
    if (parts.sink.tick) {
      this.ticker = setInterval(() => {
        if (!this.stopping)
          parts.lock.run(() => parts.sink.tick?.()).catch((e) => this.failure?.(e));
      }, 100);
    }
    try {
      await Promise.race([
        Promise.all(parts.sources.map(({ source, push }) => source.run(push, parts.lock))),
        failed,
      ]);
      if (!this.stopping) await this.checkpoint();
    } finally {
      this.clearTimers();
    }
  }

  /** Flush or commit what was written, then commit source offsets (at-least-once). */
  checkpoint(): Promise<void> {
    // One checkpoint at a time; a slow one makes the next interval wait, as Flink's max-concurrent-checkpoints = 1.
    if (this.checkpointing) return this.checkpointing;
    const { parts } = this;
    this.checkpointing = parts.lock
      .run(async () => {
        const offsets = parts.sources
          .map(({ source }) => source.checkpointOffsets())
          .filter((o): o is CheckpointOffsets => o !== undefined);
        await parts.sink.checkpoint(offsets);
        for (const { source } of parts.sources) {
          if (parts.sink.exactlyOnce && !source.commitsBesideTransaction) continue;
          const o = source.checkpointOffsets();
          if (o) await source.commit(o);
        }
        parts.onCheckpoint(new Date());
      })
      .finally(() => (this.checkpointing = undefined));
    return this.checkpointing;
  }

  /** Stops the sources, makes the sink durable with a last checkpoint and closes. */
  async stopWithCheckpoint(): Promise<void> {
    this.stopping = true;
    this.clearTimers();
    for (const { source } of this.parts.sources) source.halt();
    await this.checkpoint();
    try {
      await Promise.all(this.parts.sources.map(({ source }) => source.stop()));
      await this.parts.sink.close();
    } finally {
      await this.parts.cpuThread?.terminate();
    }
  }

  /** Stops without committing anything further. */
  async cancel(): Promise<void> {
    this.stopping = true;
    this.clearTimers();
    await Promise.all(this.parts.sources.map(({ source }) => source.stop().catch(() => {})));
    await this.parts.sink.abort().catch(() => {});
    await this.parts.sink.close().catch(() => {});
    await this.parts.cpuThread?.terminate();
  }

  async close(): Promise<void> {
    this.clearTimers();
    await Promise.all(this.parts.sources.map(({ source }) => source.stop().catch(() => {})));
    await this.parts.sink.close().catch(() => {});
    await this.parts.cpuThread?.terminate();
  }

  private clearTimers(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.ticker) clearInterval(this.ticker);
    this.timer = this.ticker = undefined;
  }
}
