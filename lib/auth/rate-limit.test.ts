import { describe, expect, it } from "vitest";
import { SlidingWindowLimiter } from "./rate-limit";

describe("SlidingWindowLimiter", () => {
  it("counts events per key over the window and says when the key is free again", () => {
    let now = 1_000_000;
    const limiter = new SlidingWindowLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfterMs("a")).toBe(0);
      limiter.hit("a");
      now += 1000;
    }
    expect(limiter.retryAfterMs("a")).toBe(57_000);
    expect(limiter.retryAfterMs("b")).toBe(0);
    now += 57_000;
    expect(limiter.retryAfterMs("a")).toBe(0);
    expect(limiter.count("a")).toBe(2);
    limiter.reset("a");
    expect(limiter.count("a")).toBe(0);
  });
});
