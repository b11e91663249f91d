"use client";

import { useEffect, useRef, useState } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { JobMetricsMessage } from "@/lib/events/job-stream-event";
import { api } from "@/lib/api/client";
import {
  alignSeries,
  appendPoint,
  CHART_RANGES,
  gapCount,
  type AlignedData,
  type ChartRangeId,
} from "@/lib/metrics/chart-series";

interface ChartSpec {
  id: string;
  title: string;
  unit: string;
  series: Array<{ name: string; label: string; color: string }>;
  /** The live value of each series from a metrics message (sum over instances). */
  live(m: JobMetricsMessage): number[];
}

const sum = (m: JobMetricsMessage, f: (i: JobMetricsMessage["instances"][number]) => number) =>
  m.instances.reduce((s, i) => s + f(i), 0);

const CHARTS: ChartSpec[] = [
  {
    id: "records",
    title: "Records per second",
    unit: "records/s",
    series: [
      { name: "numRecordsInPerSecond", label: "in", color: "#6366f1" },
      { name: "numRecordsOutPerSecond", label: "out", color: "#16a34a" },
    ],
    live: (m) => [sum(m, (i) => i.numRecordsInPerSecond), sum(m, (i) => i.numRecordsOutPerSecond)],
  },
  {
    id: "bytes",
    title: "Bytes per second",
    unit: "B/s",
    series: [
      { name: "numBytesInPerSecond", label: "in", color: "#6366f1" },
      { name: "numBytesOutPerSecond", label: "out", color: "#16a34a" },
    ],
    live: (m) => [sum(m, (i) => i.numBytesInPerSecond), sum(m, (i) => i.numBytesOutPerSecond)],
  },
  {
    id: "errors",
    title: "Errors (total)",
    unit: "records",
    series: [
      { name: "numRecordsOutErrors", label: "sink errors", color: "#dc2626" },
      { name: "numRecordsInErrors", label: "skipped source records", color: "#f59e0b" },
    ],
    live: (m) => [sum(m, (i) => i.numRecordsOutErrors), sum(m, (i) => i.numRecordsInErrors)],
  },
  {
    id: "lag",
    title: "Consumer lag (records-lag-max)",
    unit: "records",
    series: [{ name: "records-lag-max", label: "lag", color: "#d97706" }],
    live: (m) => [sum(m, (i) => Math.max(0, ...Object.values(i.lagByPartition)))],
  },
];

const RANGE_KEY = "tributary.jobChartRange";
const compact = new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 });

function Chart({ spec, data, width }: { spec: ChartSpec; data: AlignedData; width: number }) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);

  useEffect(() => {
    if (!host.current) return;
    const opts: uPlot.Options = {
      width,
      height: 160,
      title: spec.title,
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [
        { stroke: "#64748b" },
        {
          stroke: "#64748b",
          label: spec.unit,
          size: 60,
          values: (_u, ticks) => ticks.map((t) => compact.format(t)),
        },
      ],
      series: [
        { label: "time" },
        ...spec.series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 1.5,
          spanGaps: false,
          value: (_u: uPlot, v: number | null) =>
            v === null ? "—" : `${compact.format(v)} ${spec.unit}`,
        })),
      ],
      legend: { live: true },
    };
    plot.current = new uPlot(opts, data as uPlot.AlignedData, host.current);
    return () => {
      plot.current?.destroy();
      plot.current = null;
    };
    // Created once per chart and width; data updates go through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [spec, width]);

  useEffect(() => {
    plot.current?.setData(data as uPlot.AlignedData);
  }, [data]);

  // data-points and data-gaps (x positions where every series is null: uPlot breaks the line
  // there) say what the canvas draws, for tests and for anyone inspecting the page.
  return (
    <div
      ref={host}
      data-testid={`chart-${spec.id}`}
      data-points={data[0].length}
      data-gaps={gapCount(data)}
    />
  );
}

/** The job's metric history from GET /api/jobs/:id/metrics, extended by the live stream. */
export function MetricsCharts({ jobId, live }: { jobId: string; live: JobMetricsMessage | null }) {
  const [rangeId, setRangeId] = useState<ChartRangeId>(() => {
    if (typeof window === "undefined") return "15m";
    const saved = window.localStorage.getItem(RANGE_KEY);
    return CHART_RANGES.some((r) => r.id === saved) ? (saved as ChartRangeId) : "15m";
  });
  const range = CHART_RANGES.find((r) => r.id === rangeId)!;
  const [data, setData] = useState<Record<string, AlignedData> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [width, setWidth] = useState(560);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() =>
      setWidth(Math.max(280, Math.floor(el.clientWidth / 2) - 16)),
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    let live = true;
    const names = CHARTS.flatMap((c) => c.series.map((s) => s.name));
    api.jobs
      .metrics(jobId, {
        names: names.join(","),
        from: String(Date.now() - range.ms),
        resolution: range.resolutionS,
      })
      .then((series) => {
        if (!live) return;
        setData(
          Object.fromEntries(
            CHARTS.map((c) => [
              c.id,
              alignSeries(
                series,
                c.series.map((s) => s.name),
                range.resolutionS,
              ),
            ]),
          ),
        );
        setError(null);
      })
      .catch((e) => live && setError(String(e instanceof Error ? e.message : e)));
    return () => {
      live = false;
    };
  }, [jobId, range]);

  const lastLive = useRef<string | null>(null);
  useEffect(() => {
    // Live points extend the 1-second range only; coarser ranges show stored buckets.
    if (!live || !data || range.resolutionS !== 1 || lastLive.current === live.at) return;
    lastLive.current = live.at;
    const at = Date.parse(live.at);
    setData((prev) =>
      prev
        ? Object.fromEntries(
            CHARTS.map((c) => [c.id, appendPoint(prev[c.id], at, c.live(live), range.ms, 1)]),
          )
        : prev,
    );
  }, [live, data, range]);

  return (
    <div ref={box} className="space-y-2" data-testid="metrics-charts">
      <div className="flex items-center gap-1 text-xs">
        <span className="mr-1 text-slate-500 dark:text-slate-400">Range</span>
        {CHART_RANGES.map((r) => (
          <button
            key={r.id}
            data-testid={`range-${r.id}`}
            aria-pressed={r.id === rangeId}
            onClick={() => {
              window.localStorage.setItem(RANGE_KEY, r.id);
              setRangeId(r.id);
            }}
            className={`rounded border px-2 py-0.5 ${r.id === rangeId ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-950 text-indigo-800 dark:text-indigo-200" : "border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900"}`}
          >
            {r.label}
          </button>
        ))}
        <span className="ml-2 text-slate-500 dark:text-slate-400">
          {range.resolutionS === 1
            ? "1 s samples, live"
            : `${range.resolutionS >= 60 ? `${range.resolutionS / 60} min` : `${range.resolutionS} s`} buckets`}
        </span>
      </div>
      {error && <p className="text-sm text-red-700 dark:text-red-400">{error}</p>}
      {data && (
        <div className="grid grid-cols-1 gap-3 md:grid-cols-2">
          {CHARTS.map((c) => (
            <div
              key={c.id}
              className="rounded border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-1"
            >
              <Chart spec={c} data={data[c.id]} width={width} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
