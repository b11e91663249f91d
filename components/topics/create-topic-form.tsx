"use client";

import { useState } from "react";
import { api } from "@/lib/api/client";
import { topicNameProblem } from "@/lib/topics/schemas";

const input =
  "w-full rounded border border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900 px-2 py-1 text-sm";

const RETENTIONS: Array<[string, string]> = [
  ["", "broker default"],
  ["3600000", "1 hour"],
  ["86400000", "1 day"],
  ["604800000", "7 days"],
  ["2592000000", "30 days"],
  ["-1", "forever"],
];

/** Creates a topic through POST /api/topics (the editor's "create topic" uses the same call). */
export function CreateTopicForm({
  cluster,
  onCreated,
}: {
  cluster: string;
  onCreated(name: string): void;
}) {
  const [name, setName] = useState("");
  const [partitions, setPartitions] = useState("1");
  const [replication, setReplication] = useState("");
  const [retention, setRetention] = useState("");
  const [cleanup, setCleanup] = useState("delete");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const problem = topicNameProblem(name.trim());
    if (problem) return setError(`The topic name ${problem}.`);
    setBusy(true);
    try {
      const config: Record<string, string> = { "cleanup.policy": cleanup };
      if (retention !== "") config["retention.ms"] = retention;
      await api.topics.create({
        cluster,
        name: name.trim(),
        partitions: Number(partitions),
        ...(replication !== "" ? { replicationFactor: Number(replication) } : {}),
        config,
      });
      setError(null);
      setName("");
      onCreated(name.trim());
    } catch (e) {
      setError(String(e instanceof Error ? e.message : e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      data-testid="create-topic-form"
      onSubmit={(e) => void submit(e)}
      className="space-y-3 rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 p-4 shadow-sm"
    >
      <h2 className="font-semibold">Create topic</h2>
      <div className="grid gap-3 md:grid-cols-5">
        <label className="block text-sm md:col-span-2">
          <span className="mb-1 block font-medium">Name</span>
          <input
            name="topicName"
            className={`${input} font-mono`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
          />
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Partitions</span>
          <input
            name="partitions"
            type="number"
            min={1}
            className={input}
            value={partitions}
            onChange={(e) => setPartitions(e.target.value)}
          />
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Replication factor</span>
          <input
            name="replicationFactor"
            type="number"
            min={1}
            placeholder="default"
            className={input}
            value={replication}
            onChange={(e) => setReplication(e.target.value)}
          />
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Retention</span>
          <select
            name="retention"
            className={input}
            value={retention}
            onChange={(e) => setRetention(e.target.value)}
          >
            {RETENTIONS.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          <span className="mb-1 block font-medium">Cleanup policy</span>
          <select
            name="cleanupPolicy"
            className={input}
            value={cleanup}
            onChange={(e) => setCleanup(e.target.value)}
          >
            <option>delete</option>
            <option>compact</option>
            <option>compact,delete</option>
          </select>
        </label>
      </div>
      {error && (
        <p
          role="alert"
          data-testid="create-topic-error"
          className="text-sm text-red-700 dark:text-red-400"
        >
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={busy}
        className="rounded bg-indigo-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-60"
      >
        {busy ? "Creating…" : "Create topic"}
      </button>
    </form>
  );
}
