import { describe, expect, it } from "vitest";
import { jobConfiguration } from "./job-configuration";

describe("jobConfiguration", () => {
  it("applies SET and RESET in script order", () => {
    expect(
      jobConfiguration(`SET 'restart-strategy.type' = 'fixed-delay';
        SET 'restart-strategy.fixed-delay.attempts' = '3';
        SET 'parallelism.default' = '2';
        RESET 'parallelism.default';
        SET 'restart-strategy.fixed-delay.attempts' = '5';
        CREATE TABLE t (a INT) WITH ('connector' = 'datagen');`),
    ).toEqual({
      "restart-strategy.type": "fixed-delay",
      "restart-strategy.fixed-delay.attempts": "5",
    });
  });

  it("forgets everything on a bare RESET", () => {
    expect(jobConfiguration(`SET 'a' = '1'; RESET; SET 'b' = '2';`)).toEqual({ b: "2" });
  });
});
