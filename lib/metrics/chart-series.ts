/**
 * The job page's charts from stored metric series: the time ranges offered and their resolutions,
 * and the series aligned on one time axis as uPlot wants them, with a null wherever samples are
 * missing for more than two buckets (a stopped or failed job draws a gap, not a diagonal).
 * Browser-safe, pure.
 */
export const CHART_RANGES = [
  { id: "15m", label: "15 min", ms: 15 * 60_000, resolutionS: 1 },
  { id: "1h", label: "1 h", ms: 3_600_000, resolutionS: 5 },
  { id: "1d", label: "1 day", ms: 86_400_000, resolutionS: 60 },
  { id: "1w", label: "1 week", ms: 7 * 86_400_000, resolutionS: 600 },
] as const;
export type ChartRangeId = (typeof CHART_RANGES)[number]["id"];

export interface StoredSeries {
  name: string;
  points: Array<[number, number]>;
}

/** uPlot's data: x in seconds, then one array per name (null = no value). */
export type AlignedData = [number[], ...Array<Array<number | null>>];

export function alignSeries(
  series: readonly StoredSeries[],
  names: readonly string[],
  resolutionS: number,
): AlignedData {
  const byName = new Map(series.map((s) => [s.name, new Map(s.points.map(([t, v]) => [t, v]))]));
  const times = [
    ...new Set(
      series.filter((s) => names.includes(s.name)).flatMap((s) => s.points.map(([t]) => t)),
    ),
  ].sort((a, b) => a - b);
  const x: number[] = [];
  const ys: Array<Array<number | null>> = names.map(() => []);
  const gapMs = resolutionS * 1000 * 2.5;
  for (let i = 0; i < times.length; i++) {
    if (i > 0 && times[i] - times[i - 1] > gapMs) {
      // A point in the gap with no values: uPlot breaks the line there.
      x.push((times[i - 1] + resolutionS * 1000) / 1000);
      ys.forEach((y) => y.push(null));
    }
    x.push(times[i] / 1000);
    names.forEach((name, j) => ys[j].push(byName.get(name)?.get(times[i]) ?? null));
  }
  return [x, ...ys];
}

/** A live point appended to aligned data (1 s ranges), dropping what fell out of the range. */
export function appendPoint(
  data: AlignedData,
  atMs: number,
  values: ReadonlyArray<number | null>,
  rangeMs: number,
  resolutionS: number,
): AlignedData {
  const [x, ...ys] = data;
  const t = atMs / 1000;
  if (x.length > 0 && t <= x[x.length - 1]) return data;
  const nx = [...x];
  const nys = ys.map((y) => [...y]);
  if (nx.length > 0 && t - nx[nx.length - 1] > resolutionS * 2.5) {
    nx.push(nx[nx.length - 1] + resolutionS);
    nys.forEach((y) => y.push(null));
  }
  nx.push(t);
  nys.forEach((y, i) => y.push(values[i] ?? null));
  const from = t - rangeMs / 1000;
  let cut = 0;
  while (cut < nx.length && nx[cut] < from) cut++;
  return [nx.slice(cut), ...nys.map((y) => y.slice(cut))];
}

/** Where the chart breaks its lines: x positions at which every series is null (a gap). */
export function gapCount(data: AlignedData): number {
  const [x, ...ys] = data;
  let gaps = 0;
  for (let i = 0; i < x.length; i++) if (ys.length > 0 && ys.every((y) => y[i] === null)) gaps++;
  return gaps;
}
