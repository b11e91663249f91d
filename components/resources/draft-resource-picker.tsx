"use client";

import { useCallback, useEffect, useState } from "react";
import { api } from "@/lib/api/client";
import type { AttachedResource } from "@/lib/resources/draft-resources";
import type { ResourceSummary } from "@/lib/resources/list-resources";

/**
 * The editor's "additional dependencies": the resources attached to the open draft, with a
 * picker over the resource list. Reports the attached resources so validation and deploy use them.
 */
export function DraftResourcePicker({
  draftId,
  onChange,
}: {
  draftId: string | null;
  onChange: (attached: AttachedResource[]) => void;
}) {
  const [attached, setAttached] = useState<AttachedResource[]>([]);
  const [available, setAvailable] = useState<ResourceSummary[]>([]);
  const [error, setError] = useState<string | null>(null);

  const show = useCallback(
    (list: AttachedResource[]) => {
      setAttached(list);
      onChange(list);
    },
    [onChange],
  );

  useEffect(() => {
    if (!draftId) return; // the editor ignores attachments without a draft
    let cancelled = false;
    void Promise.all([api.drafts.resources(draftId), api.resources.list()]).then(
      ([attachedNow, all]) => {
        if (cancelled) return;
        show(attachedNow);
        setAvailable(all);
      },
      (e: Error) => !cancelled && setError(e.message),
    );
    return () => {
      cancelled = true;
    };
  }, [draftId, show]);

  const change = async (request: Promise<AttachedResource[]>) => {
    try {
      show(await request);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  if (!draftId)
    return (
      <span className="text-xs text-slate-500 dark:text-slate-400">
        Save the draft to attach resources.
      </span>
    );
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="draft-resources">
      <span className="text-slate-500 dark:text-slate-400">Resources:</span>
      {attached.map((r) => (
        <span
          key={r.id}
          className="rounded bg-slate-100 dark:bg-slate-800 px-2 py-0.5"
          title={r.partitioners.join(", ")}
        >
          {r.name} v{r.version}
          <button
            aria-label={`Detach ${r.name}`}
            className="ml-1 text-slate-500 dark:text-slate-400 hover:text-red-700"
            onClick={() => void change(api.drafts.detach(draftId, r.id))}
          >
            ×
          </button>
        </span>
      ))}
      <select
        aria-label="Attach a resource"
        value=""
        className="rounded border border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900 px-2 py-1"
        onChange={(e) => e.target.value && void change(api.drafts.attach(draftId, e.target.value))}
      >
        <option value="">Attach…</option>
        {available
          .filter((r) => !attached.some((a) => a.id === r.id))
          .map((r) => (
            <option key={r.id} value={r.id}>
              {r.name} v{r.version} ({r.kind})
            </option>
          ))}
      </select>
      {error && <span className="text-red-700 dark:text-red-400">{error}</span>}
    </div>
  );
}
