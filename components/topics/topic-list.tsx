"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import type { TopicSummary } from "@/lib/topics/list-topics";
import type { ClusterProfile } from "@/lib/clusters/schemas";
import { api } from "@/lib/api/client";
import { CreateTopicForm } from "./create-topic-form";
import { formatBytes, formatRetention } from "@/lib/topics/topic-format";

const button =
  "rounded border border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900 px-2 py-0.5 text-xs hover:bg-slate-100 dark:hover:bg-slate-800";

export function TopicList({ initialCluster }: { initialCluster?: string }) {
  const [clusters, setClusters] = useState<ClusterProfile[]>([]);
  const [cluster, setCluster] = useState(initialCluster ?? "");
  const [search, setSearch] = useState("");
  const [internal, setInternal] = useState(false);
  const [topics, setTopics] = useState<TopicSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    api.clusters.list().then(
      (list) => {
        setClusters(list);
        setCluster((c) => c || (list.find((x) => x.isDefault)?.id ?? ""));
      },
      (e) => setError(String(e instanceof Error ? e.message : e)),
    );
  }, []);

  useEffect(() => {
    if (!cluster) return;
    let live = true;
    api.topics.list({ cluster, internal }).then(
      (list) => {
        if (!live) return;
        setTopics(list);
        setError(null);
      },
      (e) => live && setError(String(e instanceof Error ? e.message : e)),
    );
    return () => {
      live = false;
    };
  }, [cluster, internal, version]);

  const needle = search.trim().toLowerCase();
  const shown = (topics ?? []).filter(
    (t) => needle === "" || t.name.toLowerCase().includes(needle),
  );

  async function remove(name: string) {
    if (!window.confirm(`Delete topic '${name}' and all its records? This cannot be undone.`))
      return;
    try {
      await api.topics.delete(name, cluster);
      setVersion((v) => v + 1);
    } catch (e) {
      setError(String(e instanceof Error ? e.message : e));
    }
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <label>
          Cluster{" "}
          <select
            name="cluster"
            className="rounded border border-slate-300 dark:border-slate-700 px-2 py-1"
            value={cluster}
            onChange={(e) => setCluster(e.target.value)}
          >
            {clusters.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <input
          name="search"
          placeholder="Search topics"
          className="rounded border border-slate-300 dark:border-slate-700 px-2 py-1"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <label className="text-xs">
          <input
            type="checkbox"
            checked={internal}
            onChange={(e) => setInternal(e.target.checked)}
          />{" "}
          internal topics
        </label>
        <button className={button} onClick={() => setVersion((v) => v + 1)}>
          Refresh
        </button>
      </div>
      {error && (
        <p
          role="alert"
          data-testid="topics-error"
          className="text-sm text-red-700 dark:text-red-400"
        >
          {error}
        </p>
      )}
      <table className="w-full rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 text-sm shadow-sm">
        <thead className="bg-slate-50 dark:bg-slate-800 text-left text-xs uppercase text-slate-500 dark:text-slate-400">
          <tr>
            <th className="px-3 py-2">Topic</th>
            <th className="px-3 py-2 text-right">Partitions</th>
            <th className="px-3 py-2 text-right">Replication</th>
            <th className="px-3 py-2 text-right">End offsets</th>
            <th className="px-3 py-2 text-right">Records</th>
            <th
              className="px-3 py-2 text-right"
              title="Leader replicas' logs on disk (DescribeLogDirs)"
            >
              Size
            </th>
            <th className="px-3 py-2">Retention</th>
            <th className="px-3 py-2">Cleanup</th>
            <th className="px-3 py-2" />
          </tr>
        </thead>
        <tbody>
          {topics === null && (
            <tr>
              <td colSpan={9} className="px-3 py-2 text-slate-500 dark:text-slate-400">
                Loading…
              </td>
            </tr>
          )}
          {shown.map((t) => (
            <tr
              key={t.name}
              data-testid="topic-row"
              data-topic={t.name}
              className="border-t border-slate-100"
            >
              <td className="px-3 py-1.5 font-mono text-xs">
                <Link
                  className="text-indigo-700 dark:text-indigo-300 hover:underline"
                  href={`/topics/${encodeURIComponent(t.name)}?cluster=${encodeURIComponent(cluster)}`}
                >
                  {t.name}
                </Link>
              </td>
              <td className="px-3 py-1.5 text-right">{t.partitions}</td>
              <td className="px-3 py-1.5 text-right">
                {t.replicationFactor}
                {t.underReplicated > 0 && (
                  <span className="ml-1 text-xs text-amber-700 dark:text-amber-400">
                    ({t.underReplicated} under-replicated)
                  </span>
                )}
              </td>
              <td className="px-3 py-1.5 text-right" data-testid="topic-end-offsets">
                {t.endOffsets.toLocaleString()}
              </td>
              <td className="px-3 py-1.5 text-right">{t.records.toLocaleString()}</td>
              <td
                className="px-3 py-1.5 text-right"
                data-testid="topic-size"
                data-bytes={t.size?.leaderBytes ?? ""}
                title={
                  t.size ? `${formatBytes(t.size.replicaBytes)} across all replicas` : undefined
                }
              >
                {formatBytes(t.size?.leaderBytes)}
              </td>
              <td className="px-3 py-1.5">{formatRetention(t.retentionMs)}</td>
              <td className="px-3 py-1.5">{t.cleanupPolicy ?? "—"}</td>
              <td className="px-3 py-1.5 text-right">
                <button
                  className={`${button} text-red-700 dark:text-red-400`}
                  onClick={() => void remove(t.name)}
                >
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Size = the leader replicas&apos; logs on disk (DescribeLogDirs; hover for all replicas).
        Records = end − start offsets (compacted topics hold fewer).
      </p>
      {cluster && <CreateTopicForm cluster={cluster} onCreated={() => setVersion((v) => v + 1)} />}
    </div>
  );
}
