"use client";

import { useEffect, useState } from "react";
import { api } from "@/lib/api/client";
import type { TopicDetails } from "@/lib/topics/describe-topic";
import { MessageBrowser, type InitialDecoding } from "./message-browser";
import { formatBytes } from "@/lib/topics/topic-format";
import type { DecodeFormatChoice } from "@/lib/topics/message-decoding";

export function TopicDetail({
  cluster,
  topic,
  initialDecoding,
  formats,
}: {
  cluster: string;
  topic: string;
  initialDecoding?: InitialDecoding;
  /** The message browser's format choices (lib/formats' registry, read on the server). */
  formats: DecodeFormatChoice[];
}) {
  const [details, setDetails] = useState<TopicDetails | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [showConfigs, setShowConfigs] = useState(false);

  useEffect(() => {
    let live = true;
    api.topics.get(topic, cluster).then(
      (d) => live && setDetails(d),
      (e) => live && setError(String(e instanceof Error ? e.message : e)),
    );
    return () => {
      live = false;
    };
  }, [cluster, topic, version]);

  if (error)
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        {error}
      </p>
    );
  if (!details) return <p className="text-sm text-slate-500 dark:text-slate-400">Loading…</p>;
  const th = "px-3 py-1.5";
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-600 dark:text-slate-300">
        Cluster <span className="font-medium">{details.cluster.name}</span> ·{" "}
        {details.partitions.length} partitions · replication {details.replicationFactor} · size{" "}
        <span
          data-testid="topic-size"
          data-bytes={details.size?.leaderBytes ?? ""}
          title={
            details.size
              ? `Leader replicas; ${formatBytes(details.size.replicaBytes)} across all replicas`
              : "The brokers did not report log dir sizes"
          }
        >
          {formatBytes(details.size?.leaderBytes)}
        </span>{" "}
        · retention {details.configs["retention.ms"] ?? "?"} ms · cleanup{" "}
        {details.configs["cleanup.policy"] ?? "?"}{" "}
        <button
          className="ml-2 text-xs text-indigo-700 dark:text-indigo-300 underline"
          onClick={() => setVersion((v) => v + 1)}
        >
          refresh
        </button>
      </p>
      <div className="grid gap-6 md:grid-cols-2">
        <table
          className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 text-sm shadow-sm"
          data-testid="partition-table"
        >
          <thead className="bg-slate-50 dark:bg-slate-800 text-left text-xs uppercase text-slate-500 dark:text-slate-400">
            <tr>
              <th className={th}>Partition</th>
              <th className={`${th} text-right`}>Start</th>
              <th className={`${th} text-right`}>End</th>
              <th className={th}>Leader</th>
              <th className={th}>Replicas (ISR)</th>
            </tr>
          </thead>
          <tbody>
            {details.partitions.map((p) => (
              <tr
                key={p.partition}
                className="border-t border-slate-100"
                data-testid="partition-row"
              >
                <td className={th}>{p.partition}</td>
                <td className={`${th} text-right`}>{p.low}</td>
                <td className={`${th} text-right`} data-testid="partition-end">
                  {p.high}
                </td>
                <td className={th}>{p.leader}</td>
                <td className={th}>
                  {p.replicas.join(", ")} ({p.isr.join(", ")})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <table
          className="rounded-lg border border-slate-200 dark:border-slate-700 bg-white dark:bg-slate-900 text-sm shadow-sm"
          data-testid="group-table"
        >
          <thead className="bg-slate-50 dark:bg-slate-800 text-left text-xs uppercase text-slate-500 dark:text-slate-400">
            <tr>
              <th className={th}>Consumer group</th>
              <th className={th}>State</th>
              <th className={`${th} text-right`}>Members</th>
              <th className={`${th} text-right`}>Lag</th>
            </tr>
          </thead>
          <tbody>
            {details.groups.length === 0 && (
              <tr>
                <td colSpan={4} className={`${th} text-slate-500 dark:text-slate-400`}>
                  No group has committed offsets on this topic.
                </td>
              </tr>
            )}
            {details.groups.map((g) => (
              <tr
                key={g.groupId}
                className="border-t border-slate-100"
                title={g.partitions
                  .map((p) => `p${p.partition}: ${p.committed ?? "—"} / ${p.high}`)
                  .join("\n")}
              >
                <td className={`${th} font-mono text-xs`}>{g.groupId}</td>
                <td className={th}>{g.state}</td>
                <td className={`${th} text-right`}>{g.members}</td>
                <td className={`${th} text-right`}>{g.totalLag}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div>
        <button
          className="text-xs text-indigo-700 dark:text-indigo-300 underline"
          onClick={() => setShowConfigs(!showConfigs)}
        >
          {showConfigs ? "Hide" : "Show"} all configs
        </button>
        {showConfigs && (
          <pre className="mt-2 max-h-64 overflow-auto rounded bg-white dark:bg-slate-900 p-3 text-xs">
            {Object.entries(details.configs)
              .sort()
              .map(([k, v]) => `${k} = ${v}`)
              .join("\n")}
          </pre>
        )}
      </div>
      <h2 className="text-lg font-semibold">Messages</h2>
      <MessageBrowser
        formats={formats}
        cluster={details.cluster.id}
        topic={topic}
        partitions={details.partitions.map((p) => p.partition)}
        initialDecoding={initialDecoding}
      />
    </div>
  );
}
