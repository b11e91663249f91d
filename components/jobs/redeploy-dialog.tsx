"use client";

import { useState } from "react";
import { Dialog, buttonClass, inputClass } from "@/components/ui/dialog";
import { api, ApiClientError } from "@/lib/api/client";

type Offsets = Record<string, Record<string, string>>;
type Row = { topic: string; partition: string; offset: string };
export type RedeployStart = "last-stop" | "group-offsets" | "startup-mode" | { offsets: Offsets };

const rowsOf = (offsets: Offsets): Row[] =>
  Object.entries(offsets).flatMap(([topic, parts]) =>
    Object.entries(parts).map(([partition, offset]) => ({ topic, partition, offset })),
  );

/** The rows as the API's offsets map, or what is wrong with them (which row, which field). */
function offsetsOf(rows: Row[]): Offsets {
  if (rows.length === 0) throw new Error("give at least one partition's offset");
  const offsets: Offsets = {};
  rows.forEach((r, i) => {
    const where = `row ${i + 1}`;
    if (!r.topic.trim()) throw new Error(`${where}: the topic is empty`);
    if (!/^\d+$/.test(r.partition)) throw new Error(`${where}: the partition must be a number`);
    if (!/^\d+$/.test(r.offset)) throw new Error(`${where}: the offset must be a number`);
    (offsets[r.topic.trim()] ??= {})[r.partition] = r.offset;
  });
  return offsets;
}

/**
 * Where a redeploy starts: the last stop, each source's startup mode, the committed group offsets,
 * or explicit offsets per partition — prefilled from the last stop, else from what the sources'
 * consumer groups have committed (read when the choice is made).
 */
export function RedeployDialog({
  open,
  jobId,
  lastStop,
  onClose,
  onRedeploy,
}: {
  open: boolean;
  jobId: string;
  lastStop: Offsets | null;
  onClose(): void;
  onRedeploy(startFrom: RedeployStart): void;
}) {
  const [choice, setChoice] = useState<"last-stop" | "group-offsets" | "startup-mode" | "offsets">(
    lastStop ? "last-stop" : "startup-mode",
  );
  const [rows, setRows] = useState<Row[] | null>(lastStop ? rowsOf(lastStop) : null);
  const [note, setNote] = useState<string | null>(
    lastStop ? "Prefilled from the last stop. Each offset is the next record to read." : null,
  );
  const [problem, setProblem] = useState<string | null>(null);

  /** Without a last stop, the explicit offsets start from what the consumer groups committed. */
  const prefillFromGroups = () => {
    setNote("Reading the committed offsets…");
    api.jobs.groupOffsets(jobId).then(
      (point) => {
        setRows(rowsOf(point.offsets));
        setNote("Prefilled from the offsets committed to each source's consumer group.");
      },
      (e: unknown) => {
        if (e instanceof ApiClientError && e.status !== 0) {
          setRows([{ topic: "", partition: "0", offset: "0" }]);
          setNote(`Nothing to prefill: ${e.message}`);
        } else setNote(`Could not read the committed offsets: ${String(e)}`);
      },
    );
  };

  const submit = () => {
    setProblem(null);
    try {
      onRedeploy(choice === "offsets" ? { offsets: offsetsOf(rows ?? []) } : choice);
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };
  const edit = (i: number, field: keyof Row, value: string) =>
    setRows((rs) => (rs ?? []).map((r, j) => (j === i ? { ...r, [field]: value } : r)));
  const radio = (value: typeof choice, label: React.ReactNode, disabled = false) => (
    <label className="flex gap-2">
      <input
        type="radio"
        name="redeploy-start"
        checked={choice === value}
        disabled={disabled}
        onChange={() => {
          setChoice(value);
          if (value === "offsets" && rows === null) prefillFromGroups();
        }}
      />
      <span>{label}</span>
    </label>
  );

  return (
    <Dialog open={open} title="Redeploy" onClose={onClose}>
      <fieldset className="flex flex-col gap-2 text-sm">
        <legend className="mb-1 font-medium">Start from</legend>
        {radio(
          "last-stop",
          <>
            The last stop&apos;s offsets
            {lastStop ? "" : " (the job was not stopped with offsets)"}
          </>,
          !lastStop,
        )}
        {radio("startup-mode", "Each source's startup mode, as the script says")}
        {radio("group-offsets", "The offsets committed to each source's consumer group")}
        {radio("offsets", "Explicit offsets per partition")}
      </fieldset>
      {choice === "offsets" && (
        <div className="mt-3 text-sm" data-testid="redeploy-offsets">
          {note && (
            <p className="mb-2 text-xs text-slate-600 dark:text-slate-400" role="status">
              {note}
            </p>
          )}
          {rows && (
            <table className="w-full">
              <thead>
                <tr className="text-left text-xs text-slate-600 dark:text-slate-400">
                  <th className="font-medium">Topic</th>
                  <th className="font-medium">Partition</th>
                  <th className="font-medium">Next offset</th>
                  <th>
                    <span className="sr-only">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <tr key={i}>
                    <td className="pr-2">
                      <input
                        aria-label={`Topic of row ${i + 1}`}
                        value={r.topic}
                        onChange={(e) => edit(i, "topic", e.target.value)}
                        className={inputClass}
                      />
                    </td>
                    <td className="w-20 pr-2">
                      <input
                        aria-label={`Partition of row ${i + 1}`}
                        inputMode="numeric"
                        value={r.partition}
                        onChange={(e) => edit(i, "partition", e.target.value)}
                        className={inputClass}
                      />
                    </td>
                    <td className="w-28 pr-2">
                      <input
                        aria-label={`Offset of ${r.topic || "row " + (i + 1)}[${r.partition}]`}
                        inputMode="numeric"
                        value={r.offset}
                        onChange={(e) => edit(i, "offset", e.target.value)}
                        className={`${inputClass} font-mono`}
                      />
                    </td>
                    <td>
                      <button
                        type="button"
                        className="text-xs text-red-700 dark:text-red-400"
                        onClick={() => setRows((rs) => (rs ?? []).filter((_, j) => j !== i))}
                      >
                        Remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <button
            type="button"
            className="mt-2 text-xs text-indigo-700 dark:text-indigo-300"
            onClick={() =>
              setRows((rs) => [
                ...(rs ?? []),
                { topic: rs?.at(-1)?.topic ?? "", partition: "0", offset: "0" },
              ])
            }
          >
            Add a partition
          </button>
        </div>
      )}
      {problem && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
      <div className="mt-4 flex justify-end gap-2">
        <button type="button" className={buttonClass.secondary} onClick={onClose}>
          Cancel
        </button>
        <button type="button" className={buttonClass.primary} onClick={submit}>
          Redeploy
        </button>
      </div>
    </Dialog>
  );
}
