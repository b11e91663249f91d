"use client";

import type { JobMetricsMessage } from "@/lib/events/job-stream-event";

const fmt = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/**
 * Live counters per instance (this run's: counters start again with each run), the per-instance
 * throughput table and consumer lag per partition (worst first). The charts are MetricsCharts.
 */
export function JobMetrics({ metrics }: { metrics: JobMetricsMessage | null }) {
  if (!metrics)
    return (
      <p className="text-sm text-slate-500 dark:text-slate-400">
        No metrics yet: they appear once an instance runs.
      </p>
    );
  const lags = metrics.instances
    .flatMap((m) =>
      Object.entries(m.lagByPartition).map(([partition, lag]) => ({
        partition,
        lag,
        instance: m.instance,
      })),
    )
    .sort((a, b) => b.lag - a.lag);
  const total = (
    k:
      | "numRecordsIn"
      | "numRecordsOut"
      | "numRecordsInPerSecond"
      | "numRecordsOutPerSecond"
      | "numRecordsOutErrors"
      | "numRecordsInErrors",
  ) => metrics.instances.reduce((s, m) => s + (m[k] ?? 0), 0);
  const totalLag = lags.reduce((s, l) => s + l.lag, 0);

  return (
    <div className="space-y-4" data-testid="job-metrics">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-5">
        <Stat
          label="Records in (this run)"
          value={fmt.format(total("numRecordsIn"))}
          testId="records-in"
        />
        <Stat
          label="Records out (this run)"
          value={fmt.format(total("numRecordsOut"))}
          testId="records-out"
        />
        <Stat label="In / s" value={fmt.format(total("numRecordsInPerSecond"))} />
        <Stat label="Out / s" value={fmt.format(total("numRecordsOutPerSecond"))} />
        <Stat label="Consumer lag" value={fmt.format(totalLag)} warn={totalLag > 0} />
      </div>
      <table className="w-full text-sm">
        <thead className="text-left text-slate-500 dark:text-slate-400">
          <tr>
            <th>Instance</th>
            <th>Partitions</th>
            <th>In</th>
            <th>Out</th>
            <th>Errors (out / skipped in)</th>
            <th>Send time</th>
            <th>Last commit</th>
          </tr>
        </thead>
        <tbody>
          {metrics.instances.map((m) => (
            <tr key={m.instance} className="border-t border-slate-100">
              <td>#{m.instance}</td>
              <td className="font-mono text-xs">{m.assignedPartitions.join(", ") || "—"}</td>
              <td>{fmt.format(m.numRecordsIn)}</td>
              <td>{fmt.format(m.numRecordsOut)}</td>
              <td>
                {m.numRecordsOutErrors} / {m.numRecordsInErrors}
              </td>
              <td>{m.currentSendTime} ms</td>
              <td>{m.lastCommitAt ? new Date(m.lastCommitAt).toLocaleTimeString() : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {lags.length > 0 && (
        <div>
          <h3 className="mb-1 text-sm font-medium">Lag per partition</h3>
          <table className="w-full text-sm" data-testid="lag-table">
            <thead className="text-left text-slate-500 dark:text-slate-400">
              <tr>
                <th>Partition</th>
                <th>Instance</th>
                <th>Lag (records behind)</th>
              </tr>
            </thead>
            <tbody>
              {lags.map((l) => (
                <tr key={l.partition} className="border-t border-slate-100">
                  <td className="font-mono text-xs">{l.partition}</td>
                  <td>#{l.instance}</td>
                  <td className={l.lag > 0 ? "text-amber-700 dark:text-amber-400" : ""}>
                    {fmt.format(l.lag)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function Stat({
  label,
  value,
  warn,
  testId,
}: {
  label: string;
  value: string;
  warn?: boolean;
  testId?: string;
}) {
  return (
    <div className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-3">
      <div className="text-xs text-slate-500 dark:text-slate-400">{label}</div>
      <div
        data-testid={testId}
        className={`text-lg font-semibold ${warn ? "text-amber-700 dark:text-amber-400" : ""}`}
      >
        {value}
      </div>
    </div>
  );
}
