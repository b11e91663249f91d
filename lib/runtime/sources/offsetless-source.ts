import type { CheckpointOffsets } from "../operators";

/**
 * What datagen and VALUES sources share: they read no Kafka partitions, so they have no offsets
 * to checkpoint, commit or resume from, no lag and no assignment.
 */
export abstract class OffsetlessSource {
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
  assignedPartitions(): string[] {
    return [];
  }
  halt(): void {
    void this.stop();
  }
  abstract stop(): Promise<void>;
}
