"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api, ApiClientError, type ApiFieldError } from "@/lib/api/client";
import { ENGINE_CHOICES, type EngineChoice } from "@/lib/runtime/engine-choice";

interface Problem {
  detail: string;
  errors?: ApiFieldError[];
}

/** Deploys a script as a job (POST /api/jobs) and opens its page. */
export function DeployForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [sql, setSql] = useState("");
  const [parallelism, setParallelism] = useState("");
  const [engine, setEngine] = useState<EngineChoice>("auto");
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      const { id } = await api.jobs.deploy({
        name,
        sql,
        ...(parallelism ? { parallelism: Number(parallelism) } : {}),
        engine,
      });
      router.push(`/jobs/${id}`);
    } catch (e) {
      setProblem(
        e instanceof ApiClientError
          ? { detail: e.message, errors: e.errors }
          : { detail: e instanceof Error ? e.message : String(e) },
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={submit}
      className="space-y-3 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 shadow-sm"
    >
      <h2 className="font-medium">Deploy a job</h2>
      <div className="flex gap-3">
        <label className="flex-1 text-sm">
          Name
          <input
            name="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            className="mt-1 w-full rounded border border-slate-300 dark:border-slate-700 px-2 py-1"
          />
        </label>
        <label className="w-32 text-sm">
          Parallelism
          <input
            name="parallelism"
            type="number"
            min={1}
            max={256}
            value={parallelism}
            onChange={(e) => setParallelism(e.target.value)}
            placeholder="from SET"
            className="mt-1 w-full rounded border border-slate-300 dark:border-slate-700 px-2 py-1"
          />
        </label>
        <label className="w-44 text-sm">
          Engine
          <select
            name="engine"
            value={engine}
            onChange={(e) => setEngine(ENGINE_CHOICES.find((c) => c === e.target.value) ?? "auto")}
            title="auto: the embedded engine when it runs every statement, else Flink"
            className="mt-1 w-full rounded border border-slate-300 dark:border-slate-700 px-2 py-1"
          >
            <option value="auto">auto</option>
            <option value="embedded">embedded</option>
            <option value="flink">Flink cluster</option>
          </select>
        </label>
      </div>
      <label className="block text-sm">
        SQL
        <textarea
          name="sql"
          value={sql}
          onChange={(e) => setSql(e.target.value)}
          required
          rows={8}
          className="mt-1 w-full rounded border border-slate-300 dark:border-slate-700 px-2 py-1 font-mono text-xs"
        />
      </label>
      {problem && (
        <div role="alert" className="text-sm text-red-700 dark:text-red-400">
          <p>{problem.detail}</p>
          {problem.errors && problem.errors.length > 1 && (
            <ul className="list-disc pl-5">
              {problem.errors.map((err) => (
                <li key={err.path + err.message}>
                  {err.path}: {err.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <button
        type="submit"
        disabled={busy}
        className="rounded bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50"
      >
        {busy ? "Deploying…" : "Deploy"}
      </button>
    </form>
  );
}
