"use client";

import { useEffect, useState } from "react";
import type { ClusterProfile } from "@/lib/clusters/schemas";
import { api } from "@/lib/api/client";
import { connectionSnippet } from "@/lib/clusters/connection-snippet";

/**
 * The editor's one action to put a cluster profile's connection into a table: choosing a profile
 * inserts its WITH options (bootstrap servers, security settings, secrets as references) at the
 * cursor, each line ending in a comma so options can follow.
 */
export function InsertConnectionMenu({ onInsert }: { onInsert(text: string): void }) {
  const [profiles, setProfiles] = useState<ClusterProfile[]>([]);
  useEffect(() => {
    let live = true;
    api.clusters.list().then(
      (clusters) => live && setProfiles(clusters),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);
  return (
    <select
      aria-label="Insert connection"
      className="rounded border border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900 px-2 py-1 text-sm"
      value=""
      onChange={(e) => {
        const profile = profiles.find((p) => p.id === e.target.value);
        if (profile) onInsert(`${connectionSnippet(profile, { trailingComma: true })}\n`);
      }}
    >
      <option value="">Insert connection…</option>
      {profiles.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </select>
  );
}
