import { describe, expect, it } from "vitest";
import { cpuAt, processCpuMs } from "./proc-cpu";

describe("cpuAt", () => {
  const samples = [
    { at: 1000, cpuMs: 50 },
    { at: 1100, cpuMs: 150 },
    { at: 1300, cpuMs: 170 },
  ];
  it("interpolates between the samples around a moment and clamps to the ends", () => {
    expect(cpuAt(samples, 1050)).toBe(100);
    expect(cpuAt(samples, 1200)).toBe(160);
    expect(cpuAt(samples, 500)).toBe(50);
    expect(cpuAt(samples, 5000)).toBe(170);
    expect(cpuAt([], 1000)).toBe(0);
  });
});

describe("processCpuMs", () => {
  it("reads a live process's CPU from /proc and nothing for a pid that does not exist", () => {
    let x = 0;
    for (let i = 0; i < 5e6; i++) x += i;
    expect(x).toBeGreaterThan(0);
    const own = processCpuMs(process.pid)!;
    const used = process.cpuUsage();
    // Clock ticks are 10 ms: /proc agrees with Node's own figure to within a few ticks.
    expect(Math.abs(own - (used.user + used.system) / 1000)).toBeLessThan(100);
    expect(processCpuMs(2 ** 22 + 12345)).toBeUndefined();
  });
});
