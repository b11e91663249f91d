import { describe, expect, it } from "vitest";
import { domainHeaders, domainStatus } from "@/lib/api/domain-status";
import { TooManyAttempts } from "@/lib/domain-errors";
import { DiagnosticsRateLimit } from "./rate-limit";

function refusal(f: () => unknown): TooManyAttempts {
  try {
    f();
  } catch (e) {
    if (e instanceof TooManyAttempts) return e;
    throw e;
  }
  throw new Error("not refused");
}

describe("DiagnosticsRateLimit", () => {
  it("allows N a minute per caller, then 429 with the seconds until a slot frees", () => {
    let now = 1_000_000;
    const limit = new DiagnosticsRateLimit({ perMinute: 3, concurrent: 10, now: () => now });
    for (let i = 0; i < 3; i++) {
      limit.take("alice")();
      now += 10_000;
    }
    const e = refusal(() => limit.take("alice"));
    expect(domainStatus(e)).toBe(429);
    expect(domainHeaders(e)).toEqual({ "retry-after": "30" });
    expect(() => limit.take("bob")).not.toThrow();
    now += 30_000;
    expect(() => limit.take("alice")).not.toThrow();
  });

  it("bounds the diagnoses running at once, released when each ends", () => {
    const limit = new DiagnosticsRateLimit({ perMinute: 100, concurrent: 2 });
    const a = limit.take("alice");
    limit.take("alice");
    expect(refusal(() => limit.take("alice")).message).toMatch(/at once/);
    a();
    a(); // releasing twice frees one slot only
    limit.take("alice");
    expect(domainStatus(refusal(() => limit.take("alice")))).toBe(429);
  });
});
