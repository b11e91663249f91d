/**
 * How much a pipelined Kafka source may have handed to its CPU thread and not yet written into
 * the sink: a few batches (and a bound in bytes), so fetching overlaps processing while memory
 * stays bounded. A step held by the sink's back-pressure keeps its batch in flight, so a full
 * sink stops the source from fetching more.
 */

/** Batches in flight per source: one being fetched into, one in the thread, some waiting to be written. */
export const MAX_BATCHES_IN_FLIGHT = 4;
/** Record bytes (keys and values) in flight per source; a larger batch goes alone. */
export const MAX_BYTES_IN_FLIGHT = 32 * 1024 * 1024;

export class BatchesInFlight {
  private batches = 0;
  private bytes = 0;
  private readonly waiting: Array<{ bytes: number; resolve(): void }> = [];
  private opened = false;

  constructor(
    private readonly maxBatches = MAX_BATCHES_IN_FLIGHT,
    private readonly maxBytes = MAX_BYTES_IN_FLIGHT,
  ) {}

  get size(): { batches: number; bytes: number } {
    return { batches: this.batches, bytes: this.bytes };
  }

  /** Takes room for a batch of `bytes`; a promise when the caller must wait for it. */
  acquire(bytes: number): Promise<void> | undefined {
    if (this.opened || (this.waiting.length === 0 && this.fits(bytes))) {
      this.take(bytes);
      return undefined;
    }
    return new Promise<void>((resolve) => this.waiting.push({ bytes, resolve }));
  }

  release(bytes: number): void {
    this.batches--;
    this.bytes -= bytes;
    while (this.waiting.length > 0 && this.fits(this.waiting[0].bytes)) {
      const next = this.waiting.shift()!;
      this.take(next.bytes);
      next.resolve();
    }
  }

  /** The source stops: nothing waits for room any more (what is taken is dropped by the caller). */
  open(): void {
    this.opened = true;
    for (const next of this.waiting.splice(0)) {
      this.take(next.bytes);
      next.resolve();
    }
  }

  private fits(bytes: number): boolean {
    return (
      this.batches === 0 || (this.batches < this.maxBatches && this.bytes + bytes <= this.maxBytes)
    );
  }

  private take(bytes: number): void {
    this.batches++;
    this.bytes += bytes;
  }
}
