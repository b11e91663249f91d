import { describe, expect, it } from "vitest";
import {
  decideRestart,
  restartStrategyOf,
  type RandomLong,
  type RestartState,
  type RestartStrategy,
} from "./restart-strategy";

const noJitter: RandomLong = () => 0;

function failures(strategy: RestartStrategy, times: number[], random: RandomLong = noJitter) {
  let state: RestartState = {};
  return times.map((now) => {
    const d = decideRestart(strategy, state, now, random);
    state = d.state;
    return d.restart ? d.delayMs : "suppressed";
  });
}

describe("restartStrategyOf (Flink 1.20 RestartStrategyOptions)", () => {
  it("does not restart without checkpointing and without a strategy", () => {
    expect(restartStrategyOf({})).toEqual({ type: "none" });
  });

  it("uses exponential-delay with Flink 1.20's defaults when checkpointing is on", () => {
    expect(restartStrategyOf({ "execution.checkpointing.interval": "10 s" })).toEqual({
      type: "exponential-delay",
      initialBackoffMs: 1000,
      maxBackoffMs: 60_000,
      backoffMultiplier: 1.5,
      resetBackoffThresholdMs: 3_600_000,
      jitterFactor: 0.1,
      attemptsBeforeResetBackoff: 2_147_483_647,
    });
  });

  it("reads fixed-delay with its defaults (1 attempt, 1 s) and its options", () => {
    expect(restartStrategyOf({ "restart-strategy.type": "fixed-delay" })).toEqual({
      type: "fixed-delay",
      attempts: 1,
      delayMs: 1000,
    });
    expect(
      restartStrategyOf({
        "restart-strategy.type": "fixeddelay",
        "restart-strategy.fixed-delay.attempts": "3",
        "restart-strategy.fixed-delay.delay": "10000 ms",
      }),
    ).toEqual({ type: "fixed-delay", attempts: 3, delayMs: 10_000 });
  });

  it("accepts none/off/disable, the legacy key, and refuses unknown names with Flink's message", () => {
    for (const name of ["none", "off", "disable", "NONE"]) {
      expect(
        restartStrategyOf({
          "restart-strategy.type": name,
          "execution.checkpointing.interval": "1 s",
        }),
      ).toEqual({ type: "none" });
    }
    expect(restartStrategyOf({ "restart-strategy": "fixed-delay" }).type).toBe("fixed-delay");
    expect(() => restartStrategyOf({ "restart-strategy.type": "sometimes" })).toThrow(
      "Unknown restart strategy sometimes.",
    );
  });

  it("names the key whose value does not parse", () => {
    expect(() =>
      restartStrategyOf({
        "restart-strategy.type": "fixed-delay",
        "restart-strategy.fixed-delay.delay": "soon",
      }),
    ).toThrow(
      "Could not parse value 'soon' for key 'restart-strategy.fixed-delay.delay': text does not start with a number",
    );
    expect(() =>
      restartStrategyOf({
        "restart-strategy.type": "exponential-delay",
        "restart-strategy.exponential-delay.backoff-multiplier": "1",
      }),
    ).toThrow("Backoff multiplier must be greater than 1.");
  });
});

describe("decideRestart", () => {
  it("fixed-delay restarts `attempts` times with the delay, then suppresses recovery", () => {
    const s = restartStrategyOf({
      "restart-strategy.type": "fixed-delay",
      "restart-strategy.fixed-delay.attempts": "2",
      "restart-strategy.fixed-delay.delay": "3 s",
    });
    expect(failures(s, [0, 10_000, 20_000])).toEqual([3000, 3000, "suppressed"]);
    const last = decideRestart(s, { restartAttempt: 2 }, 0);
    expect(last).toMatchObject({
      restart: false,
      reason:
        "Recovery is suppressed by FixedDelayRestartBackoffTimeStrategy(maxNumberRestartAttempts=2, backoffTimeMS=3000)",
    });
  });

  it("none never restarts", () => {
    expect(failures({ type: "none" }, [0])).toEqual(["suppressed"]);
  });

  it("exponential-delay grows by the multiplier up to max-backoff (Flink docs' example: 1, 2, 4, 8, 10 s)", () => {
    const s = restartStrategyOf({
      "restart-strategy.type": "exponential-delay",
      "restart-strategy.exponential-delay.initial-backoff": "1 s",
      "restart-strategy.exponential-delay.backoff-multiplier": "2",
      "restart-strategy.exponential-delay.max-backoff": "10 s",
      "restart-strategy.exponential-delay.jitter-factor": "0",
    });
    // Each failure comes 1 s after the previous restart, well inside the reset threshold.
    const times: number[] = [];
    let t = 100_000;
    for (const d of [1000, 2000, 4000, 8000, 10_000, 10_000]) {
      times.push(t);
      t += d + 1000;
    }
    expect(failures(s, times)).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it("exponential-delay defaults grow by 1.5 (1000, 1500, 2250, 3375 ms) and jitter stays within ±10 %", () => {
    const s = restartStrategyOf({ "execution.checkpointing.interval": "1 s" });
    expect(failures(s, [0, 5000, 10_000, 15_000])).toEqual([1000, 1500, 2250, 3375]);
    const bounds: Array<[number, number]> = [];
    const spy = (min: number, max: number) => {
      bounds.push([min, max]);
      return max;
    };
    expect(failures(s, [0, 5000, 10_000], spy)).toEqual([1100, 1650, 2475]);
    expect(bounds).toEqual([
      [-100, 100],
      [-150, 150],
      [-225, 225],
    ]);
  });

  it("exponential-delay resets after running reset-backoff-threshold without failure", () => {
    const s = restartStrategyOf({
      "restart-strategy.type": "exponential-delay",
      "restart-strategy.exponential-delay.reset-backoff-threshold": "1 min",
      "restart-strategy.exponential-delay.jitter-factor": "0",
    });
    // Restarts at 1000 and 3500; the third failure comes 60 s after the second restart time.
    expect(failures(s, [0, 2000, 3500 + 60_000])).toEqual([1000, 1500, 1000]);
  });

  it("exponential-delay fails after attempts-before-reset-backoff restarts", () => {
    const s = restartStrategyOf({
      "restart-strategy.type": "exponential-delay",
      "restart-strategy.exponential-delay.attempts-before-reset-backoff": "2",
      "restart-strategy.exponential-delay.jitter-factor": "0",
    });
    expect(failures(s, [0, 5000, 10_000])).toEqual([1000, 1500, "suppressed"]);
  });

  it("failure-rate allows max-failures-per-interval - 1 failures within the interval (Flink's queue check)", () => {
    const s = restartStrategyOf({
      "restart-strategy.type": "failure-rate",
      "restart-strategy.failure-rate.max-failures-per-interval": "3",
      "restart-strategy.failure-rate.failure-rate-interval": "1 min",
      "restart-strategy.failure-rate.delay": "2 s",
    });
    expect(failures(s, [0, 10_000, 20_000])).toEqual([2000, 2000, "suppressed"]);
    // Spread beyond the interval, failures keep restarting.
    expect(failures(s, [0, 40_000, 80_000, 120_000])).toEqual([2000, 2000, 2000, 2000]);
    // The default (1 per interval) suppresses the first failure, as FailureRateRestartBackoffTimeStrategy does.
    expect(failures(restartStrategyOf({ "restart-strategy.type": "failure-rate" }), [0])).toEqual([
      "suppressed",
    ]);
  });
});
