/**
 * Aggregates a job's repeated WARN and ERROR lines before they are stored. While a broker is down
 * the Kafka client logs the same connection error many times a second; stored one by one they bury
 * the job's log (and every stream) in identical lines. The first line of a kind is kept as it is;
 * identical ones (same level, instance and text) in the following window are only counted, and
 * when the window ends one summary line says how many there were: "… (repeated 37 times in
 * 10 s)". Repeats that go on give one summary per window; a window without repeats closes, so the
 * next such line is kept again as a first.
 *
 * Only WARN and ERROR: INFO lines include what `print` sinks write, where identical rows are data.
 */
import type { LogLine } from "./append-job-logs";

export const REPEAT_WINDOW_MS = 10_000;

interface Window {
  first: LogLine;
  startedAt: number;
  repeats: number;
}

export class RepeatedLines {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly windowMs = REPEAT_WINDOW_MS) {}

  /**
   * What to store for this line now: the line itself (a first, or not WARN/ERROR), nothing (a
   * repeat counted for its window's summary), or — when its window ended before due() summed it
   * up — that summary (the line then counts in the next window, or is a first after a quiet one).
   */
  admit(line: LogLine, now = line.at.getTime()): LogLine[] {
    if (line.level !== "WARN" && line.level !== "ERROR") return [line];
    const key = `${line.level}\u0000${line.instance ?? ""}\u0000${line.message}`;
    const open = this.windows.get(key);
    if (open && now - open.startedAt < this.windowMs) {
      open.repeats++;
      return [];
    }
    if (open && open.repeats > 0 && now - open.startedAt < 2 * this.windowMs) {
      // Still repeating: the ended window is summed up, and this line is the next one's first repeat.
      this.windows.set(key, {
        first: open.first,
        startedAt: open.startedAt + this.windowMs,
        repeats: 1,
      });
      return [this.summary(open, now)];
    }
    const summary = open && open.repeats > 0 ? [this.summary(open, now)] : [];
    this.windows.set(key, { first: line, startedAt: now, repeats: 0 });
    return [...summary, line];
  }

  /**
   * Summaries of the windows that ended by `now` (all of them with `Infinity`, when the job's
   * lines are flushed for the last time). A window with repeats opens the next one, so a line
   * that keeps coming is summarised once per window; one without repeats closes.
   */
  due(now: number): LogLine[] {
    const out: LogLine[] = [];
    for (const [key, w] of this.windows) {
      if (now - w.startedAt < this.windowMs) continue;
      if (w.repeats === 0) {
        this.windows.delete(key);
        continue;
      }
      out.push(this.summary(w, now));
      if (Number.isFinite(now))
        this.windows.set(key, {
          first: w.first,
          startedAt: w.startedAt + this.windowMs,
          repeats: 0,
        });
      else this.windows.delete(key);
    }
    return out;
  }

  private summary(w: Window, now: number): LogLine {
    const end = Number.isFinite(now) ? Math.min(now, w.startedAt + this.windowMs) : Date.now();
    const seconds = Math.max(1, Math.round((end - w.startedAt) / 1000));
    return {
      level: w.first.level,
      instance: w.first.instance,
      message: `${w.first.message} (repeated ${w.repeats} time${w.repeats === 1 ? "" : "s"} in ${seconds} s)`,
      at: new Date(end),
    };
  }

  /** Whether windows are open (their summaries may still come). */
  get open(): boolean {
    return this.windows.size > 0;
  }
}
