/**
 * `npm run bench:profile -- FILE.cpuprofile`: where a `tributary run` spent its CPU, from the V8
 * profile that `TRIBUTARY_BENCH_CPU_PROF=<dir>` makes the vs-flink bench write for Tributary's
 * process — self time a function (and a file) so a missed target names its bottleneck.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface HotSpot {
  name: string;
  /** Share of all samples, 0–100. */
  percent: number;
}

const where = (url: string) => {
  const i = url.indexOf("/node_modules/");
  if (i >= 0) return url.slice(i + 1);
  const lib = url.search(/\/(lib|bench|bin|workers)\//);
  return lib >= 0 ? url.slice(lib + 1) : url.replace(/^file:\/\//, "") || "(native)";
};

/** Self time by function and by file, largest first. */
export function hotSpots(
  profile: CpuProfile,
  top = 15,
): { functions: HotSpot[]; files: HotSpot[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const fn = new Map<string, number>();
  const file = new Map<string, number>();
  for (const id of profile.samples) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const at = where(url);
    const name = `${functionName || "(anonymous)"} ${at}${url ? `:${lineNumber + 1}` : ""}`;
    fn.set(name, (fn.get(name) ?? 0) + 1);
    file.set(at, (file.get(at) ?? 0) + 1);
  }
  const total = profile.samples.length || 1;
  const rank = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, n]) => ({ name, percent: Math.round((n / total) * 1000) / 10 }));
  return { functions: rank(fn), files: rank(file) };
}

function main() {
  const file = process.argv.slice(2).find((a) => a !== "--");
  if (!file) throw new Error("usage: npm run bench:profile -- FILE.cpuprofile");
  const { functions, files } = hotSpots(JSON.parse(readFileSync(file, "utf8")) as CpuProfile);
  console.log(`${path.basename(file)}: self time by file`);
  for (const h of files) console.log(`${String(h.percent).padStart(5)} %  ${h.name}`);
  console.log("\nself time by function");
  for (const h of functions) console.log(`${String(h.percent).padStart(5)} %  ${h.name}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
