"use client";

import { useId, useState } from "react";
import { Dialog, buttonClass, inputClass } from "@/components/ui/dialog";
import { api } from "@/lib/api/client";

const RETENTION = [
  { label: "Broker default", ms: "" },
  { label: "1 hour", ms: "3600000" },
  { label: "1 day", ms: "86400000" },
  { label: "7 days", ms: "604800000" },
  { label: "Forever", ms: "-1" },
];

/** Creates a topic the validator found missing (POST /api/topics on the default cluster). */
export function CreateTopicDialog({
  topic,
  onClose,
  onCreated,
}: {
  topic: string | null;
  onClose: () => void;
  onCreated: (name: string) => void;
}) {
  const ids = { partitions: useId(), retention: useId() };
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Dialog open={topic !== null} title={`Create topic '${topic ?? ""}'`} onClose={onClose}>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!topic) return;
          const form = new FormData(e.currentTarget);
          const retention = String(form.get("retention") ?? "");
          setBusy(true);
          setProblem(null);
          try {
            await api.topics.create({
              name: topic,
              partitions: Number(form.get("partitions")),
              ...(retention ? { config: { "retention.ms": retention } } : {}),
            });
            onCreated(topic);
          } catch (err) {
            setProblem(err instanceof Error ? err.message : String(err));
          } finally {
            setBusy(false);
          }
        }}
        className="flex flex-col gap-3"
      >
        <div>
          <label htmlFor={ids.partitions} className="mb-1 block text-sm font-medium">
            Partitions
          </label>
          <input
            id={ids.partitions}
            name="partitions"
            type="number"
            min={1}
            max={10000}
            defaultValue={3}
            className={inputClass}
            autoFocus
          />
        </div>
        <div>
          <label htmlFor={ids.retention} className="mb-1 block text-sm font-medium">
            Retention
          </label>
          <select id={ids.retention} name="retention" className={inputClass} defaultValue="">
            {RETENTION.map((r) => (
              <option key={r.label} value={r.ms}>
                {r.label}
              </option>
            ))}
          </select>
        </div>
        {problem && (
          <p role="alert" className="text-sm text-red-700 dark:text-red-400">
            {problem}
          </p>
        )}
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonClass.secondary} onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className={buttonClass.primary} disabled={busy}>
            Create topic
          </button>
        </div>
      </form>
    </Dialog>
  );
}
