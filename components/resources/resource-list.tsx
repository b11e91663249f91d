"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { api } from "@/lib/api/client";
import type { ResourceSummary } from "@/lib/resources/list-resources";
import { formatBytes } from "./format-bytes";
import { ResourceUpload } from "./resource-upload";

/** The resource page: upload, then every resource (its latest version), searchable. */
export function ResourceList() {
  const [search, setSearch] = useState("");
  const [resources, setResources] = useState<ResourceSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (q: string) => {
    try {
      setResources(await api.resources.list(q.trim()));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);

  useEffect(() => {
    const timer = setTimeout(() => void load(search), 200);
    return () => clearTimeout(timer);
  }, [search, load]);

  return (
    <div className="space-y-4">
      <ResourceUpload onUploaded={() => void load(search)} />
      <input
        type="search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        placeholder="Search by name, file or partitioner class"
        aria-label="Search resources"
        className="w-96 rounded border border-slate-300 dark:border-slate-700 px-2 py-1 text-sm"
      />
      {error && <p className="text-sm text-red-700 dark:text-red-400">{error}</p>}
      {resources && resources.length === 0 && (
        <p className="text-sm text-slate-500 dark:text-slate-400">
          No resources{search ? " match" : " yet"}.
        </p>
      )}
      {resources && resources.length > 0 && (
        <table className="w-full bg-white dark:bg-slate-900 text-sm" data-testid="resource-table">
          <thead className="text-left text-slate-500 dark:text-slate-400">
            <tr>
              <th className="p-2">Name</th>
              <th className="p-2">Kind</th>
              <th className="p-2">Version</th>
              <th className="p-2">Size</th>
              <th className="p-2">Partitioners</th>
              <th className="p-2">Uploaded</th>
            </tr>
          </thead>
          <tbody>
            {resources.map((r) => (
              <tr key={r.id} className="border-t border-slate-100">
                <td className="p-2">
                  <Link
                    href={`/resources/${r.id}`}
                    className="text-sky-700 dark:text-sky-400 hover:underline"
                  >
                    {r.name}
                  </Link>
                </td>
                <td className="p-2">{r.kind}</td>
                <td className="p-2">
                  {r.version}
                  {r.versions > 1 ? ` (${r.versions} versions)` : ""}
                </td>
                <td className="p-2">{formatBytes(r.size)}</td>
                <td className="p-2 font-mono text-xs">{r.partitioners.join(", ")}</td>
                <td className="p-2 text-slate-500 dark:text-slate-400">
                  {new Date(r.createdAt).toLocaleString()}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
