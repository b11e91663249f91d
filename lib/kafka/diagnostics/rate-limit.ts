/**
 * How often one caller may run the connectivity diagnosis: each one opens connections to the
 * addresses it names, so it is bounded per caller — requests per minute (429 with Retry-After)
 * and diagnoses running at once. Per console process, in memory: a bound on load and on probing,
 * not an accounting.
 */
import { TooManyAttempts } from "@/lib/domain-errors";

export interface RateLimitOptions {
  perMinute: number;
  concurrent: number;
  now?: () => number;
}

export class DiagnosticsRateLimit {
  private readonly started = new Map<string, number[]>();
  private readonly running = new Map<string, number>();

  constructor(private readonly opts: RateLimitOptions) {}

  /**
   * Counts one request of `caller`, or throws TooManyAttempts saying when to retry. Returns the release to
   * call when the diagnosis ends.
   */
  take(caller: string): () => void {
    const now = (this.opts.now ?? Date.now)();
    const windowStart = now - 60_000;
    const times = (this.started.get(caller) ?? []).filter((t) => t > windowStart);
    if (times.length >= this.opts.perMinute) {
      const retryAfterS = Math.max(1, Math.ceil((times[0] + 60_000 - now) / 1000));
      this.started.set(caller, times);
      throw new TooManyAttempts(
        `At most ${this.opts.perMinute} connectivity diagnoses a minute; try again in ${retryAfterS} s.`,
        retryAfterS,
      );
    }
    const running = this.running.get(caller) ?? 0;
    if (running >= this.opts.concurrent) {
      throw new TooManyAttempts(
        `At most ${this.opts.concurrent} connectivity diagnoses at once; wait for one to finish.`,
        1,
      );
    }
    times.push(now);
    this.started.set(caller, times);
    this.running.set(caller, running + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const n = (this.running.get(caller) ?? 1) - 1;
      if (n <= 0) this.running.delete(caller);
      else this.running.set(caller, n);
    };
  }
}

/** The console's limit: enough for a person fixing a connection, far from a scan. */
export const diagnosticsRateLimit = new DiagnosticsRateLimit({
  perMinute: Number(process.env.TRIBUTARY_DIAGNOSTICS_PER_MINUTE ?? "") || 20,
  concurrent: 3,
});
