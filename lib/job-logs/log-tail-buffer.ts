/**
 * The browser's tail of a job's log, kept apart from the panel that shows it: lines the stream
 * delivers before the panel mounts (the replay arrives while the page still loads) wait here, and
 * everything stays capped — the lines kept, the lines waiting, and the ids remembered to drop a
 * line delivered twice (only ids of lines still kept or waiting are remembered).
 */
export interface TailLine {
  id: string;
}

const byId = (a: TailLine, b: TailLine) => {
  const x = BigInt(a.id);
  const y = BigInt(b.id);
  return x < y ? -1 : x > y ? 1 : 0;
};

export class LogTailBuffer<L extends TailLine> {
  private pending: L[] = [];
  private readonly known = new Set<string>();

  constructor(readonly max: number) {}

  /** A line from the stream (or a page of older lines); a line already kept or waiting is ignored. */
  push(line: L): void {
    if (this.known.has(line.id)) return;
    this.known.add(line.id);
    this.pending.push(line);
    if (this.pending.length > 2 * this.max) {
      // Nobody drains (the panel is not there): keep the newest.
      this.pending.sort(byId);
      for (const dropped of this.pending.splice(0, this.pending.length - this.max))
        this.known.delete(dropped.id);
    }
  }

  get waiting(): number {
    return this.pending.length;
  }

  /** The kept lines with what waited merged in, in id order, the newest `max`; forgets what falls off. */
  merge(kept: readonly L[]): L[] {
    const next = kept.concat(this.pending).sort(byId);
    this.pending = [];
    if (next.length <= this.max) return next;
    for (const dropped of next.slice(0, next.length - this.max)) this.known.delete(dropped.id);
    return next.slice(next.length - this.max);
  }

  /** Ids remembered (for tests: bounded by the lines kept and waiting). */
  get remembered(): number {
    return this.known.size;
  }
}
