"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { api } from "@/lib/api/client";
import type { ResourceDetail as Detail } from "@/lib/resources/get-resource";
import { formatBytes } from "./format-bytes";

/** One resource version: its versions, checksum, classes, users; download and delete. */
export function ResourceDetail({ id }: { id: string }) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const router = useRouter();

  useEffect(() => {
    api.resources.get(id).then(setDetail, (e: Error) => setError(e.message));
  }, [id]);

  const remove = async () => {
    if (!detail || !window.confirm(`Delete ${detail.name} version ${detail.version}?`)) return;
    try {
      await api.resources.delete(id);
      router.push("/resources");
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  if (!detail)
    return error ? <p className="text-sm text-red-700 dark:text-red-400">{error}</p> : null;
  return (
    <div className="space-y-4 text-sm">
      <div className="flex items-center gap-3">
        <h1 className="text-2xl font-semibold">
          {detail.name}{" "}
          <span className="text-slate-500 dark:text-slate-400">version {detail.version}</span>
        </h1>
        {detail.kind !== "STORE" && (
          <a
            href={`/api/resources/${id}/content`}
            download={detail.fileName}
            className="rounded bg-slate-800 dark:bg-slate-700 px-3 py-1 text-white"
          >
            Download
          </a>
        )}
        <button
          onClick={() => void remove()}
          className="rounded border border-red-300 dark:border-red-800 px-3 py-1 text-red-700 dark:text-red-400"
        >
          Delete
        </button>
      </div>
      {error && (
        <p role="alert" className="text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <dl className="grid grid-cols-[10rem_1fr] gap-1">
        <dt className="text-slate-500 dark:text-slate-400">Kind</dt>
        <dd>{detail.kind}</dd>
        <dt className="text-slate-500 dark:text-slate-400">File</dt>
        <dd>
          {detail.fileName} · {formatBytes(detail.size)}
        </dd>
        <dt className="text-slate-500 dark:text-slate-400">sha256</dt>
        <dd className="font-mono text-xs" data-testid="resource-sha256">
          {detail.sha256}
        </dd>
        <dt className="text-slate-500 dark:text-slate-400">Uploaded</dt>
        <dd>{new Date(detail.createdAt).toLocaleString()}</dd>
        {detail.kind === "STORE" ? (
          <>
            <dt className="text-slate-500 dark:text-slate-400">Store</dt>
            <dd>
              {detail.storeType}; a script names it{" "}
              <code className="font-mono text-xs">
                &apos;properties.ssl.truststore.location&apos; = &apos;/flink/usrlib/
                {detail.fileName}&apos;
              </code>{" "}
              (or ssl.keystore.location) once it is attached
            </dd>
          </>
        ) : (
          <>
            <dt className="text-slate-500 dark:text-slate-400">Partitioners</dt>
            <dd className="font-mono text-xs">{detail.partitioners.join(", ") || "none"}</dd>
            <dt className="text-slate-500 dark:text-slate-400">
              {detail.kind === "JAR" ? "Other classes" : "Other exports"}
            </dt>
            <dd className="font-mono text-xs">{detail.otherClasses.join(", ") || "none"}</dd>
          </>
        )}
        <dt className="text-slate-500 dark:text-slate-400">Used by</dt>
        <dd>
          {detail.usage.drafts.length + detail.usage.jobs.length === 0 && "nothing"}
          {detail.usage.drafts.map((d) => (
            <span key={d.id} className="mr-3">
              draft {d.name}
            </span>
          ))}
          {detail.usage.jobs.map((j) => (
            <Link
              key={j.id}
              href={`/jobs/${j.id}`}
              className="mr-3 text-sky-700 dark:text-sky-400 hover:underline"
            >
              job {j.name} ({j.status})
            </Link>
          ))}
        </dd>
      </dl>
      <section>
        <h2 className="mb-2 font-medium">Versions</h2>
        <ul className="space-y-1">
          {detail.versions.map((v) => (
            <li key={v.id}>
              <Link
                href={`/resources/${v.id}`}
                className="text-sky-700 dark:text-sky-400 hover:underline"
              >
                version {v.version}
              </Link>{" "}
              <span className="text-slate-500 dark:text-slate-400">
                {formatBytes(v.size)} · {v.sha256.slice(0, 12)}… ·{" "}
                {new Date(v.createdAt).toLocaleString()}
              </span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
