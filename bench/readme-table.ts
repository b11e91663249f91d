/**
 * `npm run bench:readme`: renders the latest bench/results/vs-flink-*.json (and latency-*.json)
 * into README.md between the bench markers, or the result files named as arguments; `--print` only
 * prints the markdown.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { markdownTables, type BenchRun } from "./vs-flink/report";

export const START_MARKER = "<!-- bench:vs-flink:start (npm run bench:readme) -->";
export const END_MARKER = "<!-- bench:vs-flink:end -->";

/** The README with `content` between the markers (which must both be there, in order). */
export function replaceBetweenMarkers(readme: string, content: string): string {
  const start = readme.indexOf(START_MARKER);
  const end = readme.indexOf(END_MARKER);
  if (start < 0 || end < start)
    throw new Error(`README.md needs the lines ${START_MARKER} and ${END_MARKER}, in that order`);
  return `${readme.slice(0, start + START_MARKER.length)}\n${content}\n${readme.slice(end)}`;
}

/** The newest result of a bench: file names sort by the ISO time they carry. */
export function latestResult(
  files: readonly string[],
  bench: BenchRun["bench"],
): string | undefined {
  return files
    .filter((f) => f.startsWith(`${bench}-`) && f.endsWith(".json"))
    .sort()
    .at(-1);
}

function main() {
  const root = path.resolve(import.meta.dirname, "..");
  const dir = path.join(root, "bench", "results");
  const files = readdirSync(dir);
  // Results named on the command line win over the newest of their kind.
  const named = process.argv
    .slice(2)
    .filter((a) => !a.startsWith("-"))
    .map((f) => JSON.parse(readFileSync(f, "utf8")) as BenchRun);
  const read = (bench: BenchRun["bench"]) => {
    const given = named.find((r) => r.bench === bench);
    if (given) return given;
    const file = latestResult(files, bench);
    return file ? (JSON.parse(readFileSync(path.join(dir, file), "utf8")) as BenchRun) : undefined;
  };
  const vsFlink = read("vs-flink");
  if (!vsFlink)
    throw new Error(`no vs-flink result in ${dir}: run npm run bench -- vs-flink first`);
  const table = markdownTables(vsFlink, read("latency"));
  if (process.argv.includes("--print")) {
    console.log(table);
    return;
  }
  const readme = path.join(root, "README.md");
  writeFileSync(readme, replaceBetweenMarkers(readFileSync(readme, "utf8"), table));
  console.log(`README.md: results of ${vsFlink.startedAt}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) main();
