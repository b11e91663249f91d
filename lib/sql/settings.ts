/**
 * SET / RESET as the SQL client applies them, and the job settings Tributary reads from them:
 * execution.checkpointing.interval, parallelism.default, restart-strategy.*, pipeline.name and
 * table.local-time-zone (Flink's default is the JVM zone; Tributary's default is UTC).
 */
import { diagnostic, type Diagnostic, type SourceSpan } from "@/lib/sql/diagnostic";
import { isValidZone } from "@/lib/sql/datetime";
import { isSecretPlaceholder } from "@/lib/sql/options";
import { sessionValueProblem } from "@/lib/options/session-options";

export interface RestartStrategy {
  type: "none" | "fixed-delay" | "exponential-delay" | "failure-rate";
  attempts?: number;
  delayMs?: number;
  maxDelayMs?: number;
  failureRateIntervalMs?: number;
  maxFailuresPerInterval?: number;
}

/**
 * The most parallel instances a job may have — one limit for the API, `SET 'parallelism.default'`,
 * redeploys and `tributary run`, checked before any instance is allocated.
 */
export const MAX_PARALLELISM = 256;

export interface JobSettings {
  pipelineName?: string;
  parallelism?: number;
  checkpointIntervalMs?: number;
  restartStrategy?: RestartStrategy;
  /** IANA zone or offset for TIMESTAMP_LTZ conversions; UTC unless SET. */
  localTimeZone: string;
  /** Every SET option in effect, as written. */
  options: Record<string, string>;
}

const UNITS: Array<[string[], number]> = [
  [["ns", "nano", "nanos", "nanosecond", "nanoseconds"], 1e-6],
  [["us", "µs", "micro", "micros", "microsecond", "microseconds"], 1e-3],
  [["ms", "milli", "millis", "millisecond", "milliseconds"], 1],
  [["s", "sec", "secs", "second", "seconds"], 1000],
  [["m", "min", "mins", "minute", "minutes"], 60_000],
  [["h", "hour", "hours"], 3_600_000],
  [["d", "day", "days"], 86_400_000],
];

/** Flink's TimeUtils.parseDuration: `10 s`, `5min`, `100ms`; a bare number is milliseconds. */
export function parseDuration(text: string): number | null {
  const m = /^\s*(\d+)\s*([a-zµ]*)\s*$/i.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2].toLowerCase();
  if (unit === "") return n;
  const found = UNITS.find(([names]) => names.includes(unit));
  return found ? n * found[1] : null;
}

export class SessionConfig {
  private readonly values = new Map<string, string>();

  set(key: string, value: string) {
    this.values.set(key, value);
  }
  reset(key?: string) {
    if (key === undefined) this.values.clear();
    else this.values.delete(key);
  }
  snapshot(): Map<string, string> {
    return new Map(this.values);
  }
}

/** Reads the job settings from SET options, reporting values Flink could not parse. */
export function jobSettings(
  options: ReadonlyMap<string, string>,
  spans: ReadonlyMap<string, SourceSpan>,
  diagnostics: Diagnostic[],
): JobSettings {
  const settings: JobSettings = { localTimeZone: "UTC", options: Object.fromEntries(options) };
  // A value its option's type refuses was reported at its SET statement (session-options.ts).
  const bad = (key: string, value: string, why = "") =>
    sessionValueProblem(key, value) === undefined &&
    diagnostics.push(
      diagnostic(
        "error",
        `Could not parse value '${value}' for key '${key}'.${why}`,
        spans.get(key) ?? { line: 1, column: 1, endLine: 1, endColumn: 1 },
      ),
    );
  const get = (key: string) => {
    const v = options.get(key);
    return v === undefined || isSecretPlaceholder(v) ? undefined : v;
  };
  const duration = (key: string) => {
    const v = get(key);
    if (v === undefined) return undefined;
    const d = parseDuration(v);
    if (d === null) bad(key, v, " Write a duration such as '10 s', '5 min' or '500 ms'.");
    return d ?? undefined;
  };
  const posInt = (key: string) => {
    const v = get(key);
    if (v === undefined) return undefined;
    if (!/^\s*\d+\s*$/.test(v) || Number(v) < 1) {
      bad(key, v, " Expected a positive integer.");
      return undefined;
    }
    return Number(v);
  };
  settings.pipelineName = get("pipeline.name");
  settings.parallelism = posInt("parallelism.default");
  if (settings.parallelism !== undefined && settings.parallelism > MAX_PARALLELISM) {
    diagnostics.push(
      diagnostic(
        "error",
        `'parallelism.default' = '${get("parallelism.default")!.trim()}' is more than Tributary runs: a job has at most ${MAX_PARALLELISM} parallel instances.`,
        spans.get("parallelism.default") ?? { line: 1, column: 1, endLine: 1, endColumn: 1 },
      ),
    );
    settings.parallelism = undefined;
  }
  settings.checkpointIntervalMs = duration("execution.checkpointing.interval");
  const tz = get("table.local-time-zone");
  if (tz !== undefined) {
    if (tz === "default" || tz === "") settings.localTimeZone = "UTC";
    else if (isValidZone(tz)) settings.localTimeZone = tz;
    else
      diagnostics.push(
        diagnostic(
          "error",
          `Invalid time zone '${tz}' for key 'table.local-time-zone': use a zone id such as 'UTC', 'Asia/Shanghai' or '+08:00'.`,
          spans.get("table.local-time-zone")!,
        ),
      );
  }
  const typeKey = options.has("restart-strategy.type")
    ? "restart-strategy.type"
    : "restart-strategy";
  const type = get(typeKey);
  if (type !== undefined) {
    const normalized = type
      .toLowerCase()
      .replace("fixeddelay", "fixed-delay")
      .replace("failurerate", "failure-rate")
      .replace("exponentialdelay", "exponential-delay");
    const t = ["none", "off", "disable"].includes(normalized) ? "none" : normalized;
    if (!["none", "fixed-delay", "exponential-delay", "failure-rate"].includes(t)) {
      bad(typeKey, type, " Expected one of: none, fixed-delay, failure-rate, exponential-delay.");
    } else {
      const rs: RestartStrategy = { type: t as RestartStrategy["type"] };
      if (t === "fixed-delay") {
        rs.attempts = posInt("restart-strategy.fixed-delay.attempts") ?? 1;
        rs.delayMs = duration("restart-strategy.fixed-delay.delay") ?? 1000;
      } else if (t === "exponential-delay") {
        rs.delayMs = duration("restart-strategy.exponential-delay.initial-backoff") ?? 1000;
        rs.maxDelayMs = duration("restart-strategy.exponential-delay.max-backoff") ?? 60_000;
        rs.attempts = posInt("restart-strategy.exponential-delay.attempts-before-reset-backoff");
      } else if (t === "failure-rate") {
        rs.maxFailuresPerInterval =
          posInt("restart-strategy.failure-rate.max-failures-per-interval") ?? 1;
        rs.failureRateIntervalMs =
          duration("restart-strategy.failure-rate.failure-rate-interval") ?? 60_000;
        rs.delayMs = duration("restart-strategy.failure-rate.delay") ?? 1000;
      }
      settings.restartStrategy = rs;
    }
  }
  return settings;
}
