"use client";

import { useEffect, useState } from "react";
import { api } from "@/lib/api/client";
import type { ComponentHealth, HealthReport } from "@/lib/health/check-health";

const LABELS: Record<string, string> = {
  database: "PostgreSQL",
  kafka: "Kafka",
  workers: "Workers",
};

const REFRESH_MS = 5_000;

export function HealthPanel() {
  const [report, setReport] = useState<HealthReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      try {
        setReport(await api.health(controller.signal));
        setError(null);
      } catch (e) {
        if (!controller.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      }
      if (!controller.signal.aborted) timer = setTimeout(load, REFRESH_MS);
    };
    void load();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, []);

  if (error)
    return (
      <p className="text-red-700 dark:text-red-400">The console could not reach its API: {error}</p>
    );
  if (!report) return <p className="text-slate-500 dark:text-slate-400">Checking…</p>;

  return (
    <div className="space-y-4">
      <p
        data-testid="overall-health"
        className={
          report.ok ? "text-green-700 dark:text-green-400" : "text-red-700 dark:text-red-400"
        }
      >
        {report.ok ? "All components are healthy." : "Some components are unhealthy."}{" "}
        <span className="text-xs text-slate-500 dark:text-slate-400">
          checked {new Date(report.checkedAt).toLocaleTimeString()}
        </span>
      </p>
      <ul className="grid gap-4 md:grid-cols-3">
        {Object.entries(report.components).map(([name, c]) => (
          <li
            key={name}
            data-testid={`health-${name}`}
            data-ok={c.ok}
            className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 shadow-sm"
          >
            <div className="mb-2 flex items-center gap-2">
              <span
                aria-hidden
                className={`inline-block h-2.5 w-2.5 rounded-full ${c.ok ? "bg-green-500" : "bg-red-500"}`}
              />
              <h2 className="font-medium">{LABELS[name] ?? name}</h2>
              <span className="ml-auto text-sm">{c.ok ? "healthy" : "unhealthy"}</span>
            </div>
            {c.reason && <p className="mb-2 text-sm text-red-700 dark:text-red-400">{c.reason}</p>}
            <ComponentDetails name={name} health={c} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function ComponentDetails({ name, health }: { name: string; health: ComponentHealth }) {
  if (name === "kafka" && Array.isArray(health.brokers)) {
    return (
      <div className="text-sm text-slate-600 dark:text-slate-300">
        <p>Advertised brokers:</p>
        <ul className="font-mono text-xs">
          {(health.brokers as string[]).map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      </div>
    );
  }
  if (name === "workers") {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {String(health.alive ?? 0)} alive
      </p>
    );
  }
  if (name === "database" && typeof health.version === "string") {
    return <p className="text-sm text-slate-600 dark:text-slate-300">{health.version}</p>;
  }
  return null;
}
