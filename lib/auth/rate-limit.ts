/**
 * A sliding-window counter of events per key, in this process's memory: enough for the console's
 * single web process. `hit` records an event and says whether the key is still within its limit.
 */
export class SlidingWindowLimiter {
  private readonly events = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Events of `key` in the current window. */
  count(key: string): number {
    return this.recent(key).length;
  }

  /** Milliseconds until `key` is under its limit again (0 when it is). */
  retryAfterMs(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.limit) return 0;
    return recent[recent.length - this.limit] + this.windowMs - this.now();
  }

  hit(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    this.events.set(key, recent);
    if (this.events.size > 10_000) this.prune();
  }

  reset(key: string): void {
    this.events.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const list = (this.events.get(key) ?? []).filter((t) => t > since);
    if (list.length === 0) this.events.delete(key);
    else this.events.set(key, list);
    return list;
  }

  private prune(): void {
    for (const key of [...this.events.keys()]) this.recent(key);
  }
}
