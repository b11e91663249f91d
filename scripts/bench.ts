/**
 * `npm run bench`: speed and memory goals, measured and reported (never asserted in tests).
 * Ratios compare figures measured in the same run, since absolute timings on shared machines
 * are noisy.
 */
import type { BenchResult } from "@/lib/bench/measure";
import { benchFormats } from "@/lib/formats/bench";
import { benchValidate } from "@/lib/sql/bench";

function sqlValidation(): BenchResult[] {
  const r = benchValidate(20);
  return [
    {
      name: `validate a ${r.lines}-line script`,
      figures: { "ms median": r.medianMs, "ms mean": r.meanMs, "ms max": r.maxMs },
      goal: { text: "under 50 ms (median)", met: r.medianMs < 50 },
    },
  ];
}

const benches: Array<{ name: string; run: () => Promise<BenchResult[]> | BenchResult[] }> = [
  { name: "sql", run: sqlValidation },
  { name: "formats", run: benchFormats },
];

const only = process.argv.slice(2).filter((a) => a !== "--");
let missed = 0;
for (const bench of benches) {
  if (only.length > 0 && !only.includes(bench.name)) continue;
  for (const result of await bench.run()) {
    const figures = Object.entries(result.figures)
      .map(([k, v]) => `${v.toLocaleString("en-US", { maximumFractionDigits: 2 })} ${k}`)
      .join(", ");
    console.log(`${result.name}: ${figures}`);
    if (result.goal) {
      console.log(`  goal: ${result.goal.text} — ${result.goal.met ? "met" : "NOT met"}`);
      if (!result.goal.met) missed++;
    }
  }
}
if (missed > 0) console.log(`\n${missed} goal(s) not met in this run.`);
