import { spawnSync } from "node:child_process";
import os from "node:os";
import type { Machine } from "./report";

/** What a result was measured on, written with it. */
export function describeMachine(versions: { flink: string; kafka: string }): Machine {
  // java -version writes to stderr.
  const out = spawnSync("java", ["-version"], { encoding: "utf8" });
  const java = (out.stderr || out.stdout || "").split("\n")[0].trim() || "unknown";
  return {
    cpuModel: os.cpus()[0]?.model.trim() ?? "unknown",
    cores: os.availableParallelism(),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    java,
    ...versions,
    loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
  };
}
