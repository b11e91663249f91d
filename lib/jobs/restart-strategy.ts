/**
 * Flink 1.20's restart strategies, read from the job's SET options and applied to the failures of
 * a run (RestartBackoffTimeStrategyFactoryLoader and the *RestartBackoffTimeStrategy classes).
 *
 * Defaults as in Flink 1.20: without `restart-strategy.type`, a job with checkpointing on
 * (`execution.checkpointing.interval` set) restarts with exponential-delay and its defaults;
 * without checkpointing it does not restart at all. (Older Flink — and many guides — say
 * fixed-delay with Integer.MAX_VALUE attempts; 1.19's FLIP-364 changed that.)
 */
import { parseDuration, parseJavaInteger } from "@/lib/connectors/option-values";
import type { JobConfiguration } from "./job-configuration";

export type RestartStrategy =
  | { type: "none" }
  | { type: "fixed-delay"; attempts: number; delayMs: number }
  | {
      type: "failure-rate";
      maxFailuresPerInterval: number;
      failureRateIntervalMs: number;
      delayMs: number;
    }
  | {
      type: "exponential-delay";
      initialBackoffMs: number;
      maxBackoffMs: number;
      backoffMultiplier: number;
      resetBackoffThresholdMs: number;
      jitterFactor: number;
      attemptsBeforeResetBackoff: number;
    };

const INT_MAX = 2_147_483_647;
const KEY = "restart-strategy.type";
const FALLBACK_KEY = "restart-strategy";

export class RestartStrategyConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "RestartStrategyConfigError";
  }
}

function duration(config: JobConfiguration, key: string, fallback: number): number {
  const raw = config[key];
  if (raw === undefined) return fallback;
  const parsed = parseDuration(raw);
  if (!parsed.ok)
    throw new RestartStrategyConfigError(
      `Could not parse value '${raw}' for key '${key}': ${parsed.reason}`,
    );
  return parsed.value;
}

function integer(config: JobConfiguration, key: string, fallback: number): number {
  const raw = config[key];
  if (raw === undefined) return fallback;
  const parsed = parseJavaInteger(raw.trim(), 32);
  if (!parsed.ok)
    throw new RestartStrategyConfigError(
      `Could not parse value '${raw}' for key '${key}': ${parsed.reason}`,
    );
  return parsed.value;
}

function double(config: JobConfiguration, key: string, fallback: number): number {
  const raw = config[key];
  if (raw === undefined) return fallback;
  const value = Number(raw.trim());
  if (raw.trim() === "" || !Number.isFinite(value)) {
    throw new RestartStrategyConfigError(
      `Could not parse value '${raw}' for key '${key}': For input string: "${raw}"`,
    );
  }
  return value;
}

export function checkpointingEnabled(config: JobConfiguration): boolean {
  const raw = config["execution.checkpointing.interval"];
  if (raw === undefined) return false;
  const parsed = parseDuration(raw);
  return parsed.ok && parsed.value > 0;
}

export function restartStrategyOf(config: JobConfiguration): RestartStrategy {
  const name = (config[KEY] ?? config[FALLBACK_KEY])?.trim().toLowerCase();
  if (name === undefined) {
    return checkpointingEnabled(config) ? exponentialDelay(config) : { type: "none" };
  }
  switch (name) {
    case "none":
    case "off":
    case "disable":
      return { type: "none" };
    case "fixed-delay":
    case "fixeddelay":
      return {
        type: "fixed-delay",
        attempts: integer(config, "restart-strategy.fixed-delay.attempts", 1),
        delayMs: duration(config, "restart-strategy.fixed-delay.delay", 1000),
      };
    case "failure-rate":
    case "failurerate":
      return {
        type: "failure-rate",
        maxFailuresPerInterval: integer(
          config,
          "restart-strategy.failure-rate.max-failures-per-interval",
          1,
        ),
        failureRateIntervalMs: duration(
          config,
          "restart-strategy.failure-rate.failure-rate-interval",
          60_000,
        ),
        delayMs: duration(config, "restart-strategy.failure-rate.delay", 1000),
      };
    case "exponential-delay":
    case "exponentialdelay":
      return exponentialDelay(config);
    default:
      throw new RestartStrategyConfigError(
        `Unknown restart strategy ${config[KEY] ?? config[FALLBACK_KEY]}.`,
      );
  }
}

function exponentialDelay(config: JobConfiguration): RestartStrategy {
  const p = "restart-strategy.exponential-delay.";
  const s = {
    type: "exponential-delay" as const,
    initialBackoffMs: duration(config, `${p}initial-backoff`, 1000),
    maxBackoffMs: duration(config, `${p}max-backoff`, 60_000),
    backoffMultiplier: double(config, `${p}backoff-multiplier`, 1.5),
    resetBackoffThresholdMs: duration(config, `${p}reset-backoff-threshold`, 3_600_000),
    jitterFactor: double(config, `${p}jitter-factor`, 0.1),
    attemptsBeforeResetBackoff: integer(config, `${p}attempts-before-reset-backoff`, INT_MAX),
  };
  // ExponentialDelayRestartBackoffTimeStrategy's argument checks, with its messages.
  if (s.initialBackoffMs < 1)
    throw new RestartStrategyConfigError("Initial backoff must be at least 1.");
  if (s.maxBackoffMs < 1)
    throw new RestartStrategyConfigError("Maximum backoff must be at least 1.");
  if (s.initialBackoffMs > s.maxBackoffMs)
    throw new RestartStrategyConfigError("Initial backoff cannot be higher than maximum backoff.");
  if (!(s.backoffMultiplier > 1))
    throw new RestartStrategyConfigError("Backoff multiplier must be greater than 1.");
  if (s.resetBackoffThresholdMs < 1)
    throw new RestartStrategyConfigError(
      "Threshold duration for exponential backoff reset must be at least 1.",
    );
  if (!(s.jitterFactor >= 0 && s.jitterFactor <= 1))
    throw new RestartStrategyConfigError("Jitter factor must be >= 0 and <= 1.");
  if (s.attemptsBeforeResetBackoff < 1)
    throw new RestartStrategyConfigError("The attemptsBeforeResetBackoff must be at least 1.");
  return s;
}

/** What a strategy remembers between failures; stored on the run as JSON. */
export interface RestartState {
  /** fixed-delay and exponential-delay: restarts counted so far (since the last reset). */
  restartAttempt?: number;
  /** exponential-delay: when the last restart was scheduled to happen (epoch ms). */
  nextRestartTimestamp?: number;
  /** failure-rate: the times of the latest failures (epoch ms), at most maxFailuresPerInterval. */
  failureTimestamps?: number[];
}

export type RestartDecision =
  | { restart: true; delayMs: number; state: RestartState }
  | { restart: false; state: RestartState; reason: string };

/** A uniform random integer in [min, max], as ThreadLocalRandom.nextLong(min, max + 1). */
export type RandomLong = (min: number, max: number) => number;
const defaultRandom: RandomLong = (min, max) => min + Math.floor(Math.random() * (max - min + 1));

export function describeStrategy(s: RestartStrategy): string {
  switch (s.type) {
    case "none":
      return "NoRestartBackoffTimeStrategy";
    case "fixed-delay":
      return `FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=${s.attempts}, backoffTimeMS=${s.delayMs})`;
    case "failure-rate":
      return `FailureRateRestartBackoffTimeStrategy(failuresIntervalMS=${s.failureRateIntervalMs}, backoffTimeMS=${s.delayMs}, maxFailuresPerInterval=${s.maxFailuresPerInterval})`;
    case "exponential-delay":
      return (
        `ExponentialDelayRestartBackoffTimeStrategy(initialBackoffMS=${s.initialBackoffMs}, maxBackoffMS=${s.maxBackoffMs}, ` +
        `backoffMultiplier=${s.backoffMultiplier}, resetBackoffThresholdMS=${s.resetBackoffThresholdMs}, ` +
        `jitterFactor=${s.jitterFactor}, attemptsBeforeResetBackoff=${s.attemptsBeforeResetBackoff})`
      );
  }
}

/**
 * One failure: notifyFailure, then canRestart and getBackoffTime, as Flink's scheduler calls them.
 */
export function decideRestart(
  strategy: RestartStrategy,
  state: RestartState,
  now: number,
  random: RandomLong = defaultRandom,
): RestartDecision {
  const suppressed = (next: RestartState): RestartDecision => ({
    restart: false,
    state: next,
    reason: `Recovery is suppressed by ${describeStrategy(strategy)}`,
  });
  switch (strategy.type) {
    case "none":
      return suppressed(state);
    case "fixed-delay": {
      const restartAttempt = (state.restartAttempt ?? 0) + 1;
      const next = { restartAttempt };
      return restartAttempt <= strategy.attempts
        ? { restart: true, delayMs: strategy.delayMs, state: next }
        : suppressed(next);
    }
    case "failure-rate": {
      // canRestart looks at the window before this failure is added (Flink's order of calls:
      // notifyFailure adds, then canRestart compares the oldest kept failure with now).
      const kept = [...(state.failureTimestamps ?? [])];
      if (kept.length >= strategy.maxFailuresPerInterval) kept.shift();
      kept.push(now);
      const full = kept.length >= strategy.maxFailuresPerInterval;
      const next = { failureTimestamps: kept };
      return !full || now - kept[0] > strategy.failureRateIntervalMs
        ? { restart: true, delayMs: strategy.delayMs, state: next }
        : suppressed(next);
    }
    case "exponential-delay": {
      let restartAttempt = state.restartAttempt ?? 0;
      const last = state.nextRestartTimestamp ?? -2_147_483_648;
      if (now - last >= strategy.resetBackoffThresholdMs) restartAttempt = 0;
      const backoff = Math.trunc(
        strategy.initialBackoffMs * Math.pow(strategy.backoffMultiplier, restartAttempt),
      );
      const offset = Math.trunc(backoff * strategy.jitterFactor);
      const jitter = strategy.jitterFactor === 0 ? 0 : random(-offset, offset);
      const delayMs = Math.max(
        strategy.initialBackoffMs,
        Math.min(backoff + jitter, strategy.maxBackoffMs),
      );
      const next = { restartAttempt: restartAttempt + 1, nextRestartTimestamp: now + delayMs };
      return next.restartAttempt <= strategy.attemptsBeforeResetBackoff
        ? { restart: true, delayMs, state: next }
        : suppressed(next);
    }
  }
}
