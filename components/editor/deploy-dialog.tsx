"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import { summarizeDeploy } from "@/lib/jobs/deploy-summary";
import { overrideStartup } from "@/lib/sql/startup-override";
import { validateScript } from "@/lib/sql/validate";
import { engineOptions, type EngineChoice } from "@/lib/runtime/engine-choice";
import { Dialog, buttonClass, inputClass } from "@/components/ui/dialog";
import { api } from "@/lib/api/client";

export type StartFrom = "script" | "group-offsets" | "timestamp" | "offsets";

export interface DeployRequest {
  name: string;
  sql: string;
  parallelism: number;
  engine: EngineChoice;
  resumeFrom?: { offsets: Record<string, Record<string, string>> };
}

/** `topic partition offset` per line (commas or spaces) → the API's offsets map. */
export function parseOffsets(text: string): Record<string, Record<string, string>> {
  const offsets: Record<string, Record<string, string>> = {};
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .forEach((line, i) => {
      const parts = line.split(/[\s,:]+/);
      if (parts.length !== 3 || !/^\d+$/.test(parts[1]) || !/^\d+$/.test(parts[2]))
        throw new Error(`line ${i + 1}: write 'topic partition offset', not '${line}'`);
      (offsets[parts[0]] ??= {})[parts[1]] = parts[2];
    });
  if (Object.keys(offsets).length === 0)
    throw new Error("give at least one 'topic partition offset'");
  return offsets;
}

const ENGINE_LABELS: Record<EngineChoice, string> = {
  auto: "auto",
  embedded: "embedded",
  flink: "Flink",
};

const formatMs = (ms?: number) =>
  ms === undefined ? "off (not set)" : ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;

export function DeployDialog({
  open,
  sql,
  defaultName,
  partitionerClasses,
  jsPartitionerClasses,
  onClose,
  onDeploy,
}: {
  open: boolean;
  sql: string;
  defaultName: string;
  partitionerClasses?: readonly string[];
  /** Which of them are JavaScript (the plan's engine choice keeps those on the embedded engine). */
  jsPartitionerClasses?: readonly string[];
  onClose: () => void;
  onDeploy: (request: DeployRequest) => Promise<void>;
}) {
  const ids = {
    name: useId(),
    parallelism: useId(),
    ts: useId(),
    offsets: useId(),
    engine: useId(),
  };
  const [startFrom, setStartFrom] = useState<StartFrom>("script");
  const [engine, setEngine] = useState<EngineChoice>("auto");
  const nameInput = useRef<HTMLInputElement>(null);
  // The name field takes the focus once the dialog is modal (its effect runs before this one):
  // React's autoFocus fires while the <dialog> is still closed, and showModal() then focuses the
  // dialog itself.
  useEffect(() => {
    if (open) nameInput.current?.focus();
  }, [open]);
  const [timestamp, setTimestamp] = useState("");
  const [offsets, setOffsets] = useState("");
  const [explained, setExplained] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const validated = useMemo(() => (open ? validateScript(sql) : undefined), [open, sql]);
  const jobs = useMemo(() => (validated?.plan ? summarizeDeploy(validated.plan) : []), [validated]);
  const scriptParallelism = jobs[0]?.parallelism ?? 1;
  const engines = useMemo(
    () => (validated?.plan ? engineOptions(validated.plan) : []),
    [validated],
  );

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    api.sql.explain({ sql, partitionerClasses, jsPartitionerClasses }, controller.signal).then(
      (b) => setExplained(b.plan ?? null),
      () => undefined,
    );
    return () => controller.abort();
  }, [open, sql, partitionerClasses, jsPartitionerClasses]);

  const submit = async (form: FormData) => {
    setProblem(null);
    try {
      const name = String(form.get("name") ?? "").trim();
      const parallelism = Number(form.get("parallelism"));
      if (!name) throw new Error("the job needs a name");
      if (!Number.isInteger(parallelism) || parallelism < 1 || parallelism > 256)
        throw new Error("parallelism must be a whole number from 1 to 256");
      const plan = validated?.plan;
      if (!plan) throw new Error("the script has errors; fix them first");
      const chosen = engines.find((e) => e.choice === engine)?.decision;
      if (chosen && !chosen.ok) throw new Error(chosen.reason);
      let deployed = sql;
      let resumeFrom: DeployRequest["resumeFrom"];
      if (startFrom === "group-offsets")
        deployed = overrideStartup(sql, plan, { mode: "group-offsets" });
      if (startFrom === "timestamp") {
        const ms = new Date(timestamp).getTime();
        if (!timestamp || Number.isNaN(ms)) throw new Error("choose the time to start from");
        deployed = overrideStartup(sql, plan, { mode: "timestamp", timestampMillis: ms });
      }
      if (startFrom === "offsets") resumeFrom = { offsets: parseOffsets(offsets) };
      setBusy(true);
      await onDeploy({ name, sql: deployed, parallelism, engine, resumeFrom });
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const radio = (value: StartFrom, label: React.ReactNode) => (
    <label className="flex items-start gap-2 text-sm">
      <input
        type="radio"
        name="startFrom"
        value={value}
        checked={startFrom === value}
        onChange={() => setStartFrom(value)}
        className="mt-1"
      />
      <span>{label}</span>
    </label>
  );
  const sources = jobs.flatMap((j) => j.sources);
  const kafkaSources = sources.filter((s) => s.startMovable);

  return (
    <Dialog open={open} title="Deploy job" onClose={onClose} wide>
      <form
        data-testid="deploy-dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit(new FormData(e.currentTarget));
        }}
        className="grid gap-4 md:grid-cols-2"
      >
        <div className="flex flex-col gap-3">
          <div>
            <label htmlFor={ids.name} className="mb-1 block text-sm font-medium">
              Job name
            </label>
            <input
              id={ids.name}
              ref={nameInput}
              name="name"
              defaultValue={defaultName}
              required
              className={inputClass}
            />
          </div>
          <div>
            <label htmlFor={ids.parallelism} className="mb-1 block text-sm font-medium">
              Parallelism
            </label>
            <input
              id={ids.parallelism}
              name="parallelism"
              type="number"
              min={1}
              max={256}
              defaultValue={scriptParallelism}
              className={inputClass}
            />
          </div>
          <fieldset className="flex flex-col gap-2" data-testid="deploy-engine">
            <legend className="mb-1 text-sm font-medium">Engine</legend>
            {engines.map(({ choice, decision }) => (
              <label
                key={choice}
                className={`flex items-start gap-2 text-sm ${decision.ok ? "" : "text-slate-500 dark:text-slate-400"}`}
              >
                <input
                  type="radio"
                  name="engine"
                  value={choice}
                  checked={engine === choice}
                  disabled={!decision.ok}
                  onChange={() => setEngine(choice)}
                  className="mt-1"
                  aria-describedby={`${ids.engine}-${choice}`}
                />
                <span>
                  {ENGINE_LABELS[choice]}
                  <span
                    id={`${ids.engine}-${choice}`}
                    className="block text-xs text-slate-600 dark:text-slate-400"
                  >
                    {decision.ok
                      ? choice === "auto"
                        ? `Chooses ${decision.engine === "flink" ? "the Flink cluster" : "the embedded engine"} — ${decision.reason.replace(/^auto: /, "")}`
                        : choice === "flink"
                          ? "Runs on the Flink cluster (SQL Gateway), started on first need."
                          : "Runs in Tributary's own workers."
                      : `Not available: ${decision.reason}`}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium">Start from</legend>
            {radio(
              "script",
              <>
                Each source&apos;s startup mode, as the script says
                <ul className="text-xs text-slate-600 dark:text-slate-400">
                  {sources.map((s) => (
                    <li key={s.table}>
                      {s.table}: {s.startupMode ?? `${s.connector} (not Kafka)`}
                      {s.topics ? ` · ${s.topics.join(", ")}` : ""}
                    </li>
                  ))}
                </ul>
              </>,
            )}
            {radio(
              "group-offsets",
              <>
                Committed group offsets
                <span className="block text-xs text-slate-600 dark:text-slate-400">
                  {kafkaSources
                    .map((s) => `${s.table}: group '${s.groupId ?? "(none)"}'`)
                    .join(" · ") || "no Kafka source"}
                  ; partitions without a committed offset follow properties.auto.offset.reset.
                </span>
              </>,
            )}
            {radio("timestamp", "A point in time")}
            {startFrom === "timestamp" && (
              <div className="ml-6">
                <label htmlFor={ids.ts} className="block text-xs">
                  First record at or after (your local time)
                </label>
                <input
                  id={ids.ts}
                  type="datetime-local"
                  step={1}
                  value={timestamp}
                  onChange={(e) => setTimestamp(e.target.value)}
                  className={inputClass}
                />
              </div>
            )}
            {radio("offsets", "Explicit offsets")}
            {startFrom === "offsets" && (
              <div className="ml-6">
                <label htmlFor={ids.offsets} className="block text-xs">
                  One &apos;topic partition offset&apos; per line
                </label>
                <textarea
                  id={ids.offsets}
                  rows={3}
                  value={offsets}
                  onChange={(e) => setOffsets(e.target.value)}
                  placeholder={`${kafkaSources[0]?.topics?.[0] ?? "topic"} 0 42`}
                  className={`${inputClass} font-mono`}
                />
              </div>
            )}
          </fieldset>
        </div>
        <div className="flex min-w-0 flex-col gap-3 text-sm">
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
            {jobs.flatMap((j) =>
              j.sinks.map((s) => (
                <div key={s.table} className="contents">
                  <dt className="font-medium">Sink {s.table}</dt>
                  <dd data-testid="deploy-sink">
                    {s.connector}
                    {s.topics ? ` → ${s.topics.join(", ")}` : ""}
                    {s.deliveryGuarantee ? ` · delivery ${s.deliveryGuarantee}` : ""}
                    {s.partitioner ? ` · partitioner ${s.partitioner}` : ""}
                  </dd>
                </div>
              )),
            )}
            <dt className="font-medium">Checkpoint interval</dt>
            <dd data-testid="deploy-checkpoint">{formatMs(jobs[0]?.checkpointIntervalMs)}</dd>
            <dt className="font-medium">Attached resources</dt>
            <dd>{partitionerClasses?.length ? partitionerClasses.join(", ") : "none"}</dd>
          </dl>
          <div>
            <h3 className="mb-1 font-medium">Plan</h3>
            <pre
              data-testid="deploy-plan"
              className="max-h-64 overflow-auto rounded border border-slate-200 bg-slate-50 p-2 text-xs whitespace-pre-wrap dark:border-slate-700 dark:bg-slate-800"
            >
              {explained ?? "explaining…"}
            </pre>
          </div>
        </div>
        {problem && (
          <p role="alert" className="text-sm text-red-700 md:col-span-2 dark:text-red-400">
            {problem}
          </p>
        )}
        <div className="flex justify-end gap-2 md:col-span-2">
          <button type="button" className={buttonClass.secondary} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={buttonClass.primary} disabled={busy || !validated?.plan}>
            Deploy
          </button>
        </div>
      </form>
    </Dialog>
  );
}
