/**
 * CPU time of a child process (all its threads, and children it reaped) read from
 * /proc/<pid>/stat while it runs, sampled so that the CPU spent between two moments — the first
 * and last record a copy wrote — can be told apart from start-up and teardown.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  ticksPerSecond ??=
    Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  return ticksPerSecond;
}

/** utime + stime + cutime + cstime of the process in ms, or undefined once it is gone. */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start with field 3, the state.
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
    return (ticks * 1000) / clockTicks();
  } catch {
    return undefined;
  }
}

export interface CpuSample {
  /** Date.now() of the sample. */
  at: number;
  cpuMs: number;
}

/** The CPU ms spent by `at`, linearly between the samples around it (clamped to the ends). */
export function cpuAt(samples: readonly CpuSample[], at: number): number {
  if (samples.length === 0) return 0;
  if (at <= samples[0].at) return samples[0].cpuMs;
  for (let i = 1; i < samples.length; i++) {
    const b = samples[i];
    if (at <= b.at) {
      const a = samples[i - 1];
      return a.cpuMs + ((b.cpuMs - a.cpuMs) * (at - a.at)) / (b.at - a.at || 1);
    }
  }
  return samples[samples.length - 1].cpuMs;
}

/** Samples a process's CPU every `everyMs` until stop(); the last sample is taken at stop. */
export function sampleCpu(pid: number, everyMs = 100): { samples: CpuSample[]; stop(): void } {
  const samples: CpuSample[] = [];
  const take = () => {
    const cpuMs = processCpuMs(pid);
    if (cpuMs !== undefined) samples.push({ at: Date.now(), cpuMs });
  };
  take();
  const timer = setInterval(take, everyMs);
  return { samples, stop: () => clearInterval(timer) };
}
