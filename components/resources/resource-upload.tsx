"use client";

import { useRef, useState } from "react";
import { api } from "@/lib/api/client";
import type { UploadedResource } from "@/lib/resources/upload-resource";
import { formatBytes } from "./format-bytes";

/**
 * Drop a .jar, .js/.mjs or a key or trust store (.jks, .p12, .pfx, .pem, .crt) here or pick one;
 * shows the upload's progress and what was found. A store's password, when typed, lets the upload
 * open the store; it is sent with the upload only and never stored.
 */
export function ResourceUpload({ onUploaded }: { onUploaded: (r: UploadedResource) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<{ loaded: number; total: number } | null>(null);
  const [uploading, setUploading] = useState(false);
  const [result, setResult] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  const upload = async (file: File) => {
    setUploading(true);
    setResult(null);
    setProgress({ loaded: 0, total: file.size });
    try {
      const r = await api.resources.upload(
        file,
        { name: name.trim() || undefined, password: password || undefined },
        (loaded, total) => setProgress({ loaded, total }),
      );
      setResult({
        kind: "ok",
        text: r.unchanged
          ? `${r.name} version ${r.version} already has exactly these bytes; nothing new was stored.`
          : `Stored ${r.name} version ${r.version} (${formatBytes(r.size)}, sha256 ${r.sha256.slice(0, 12)}…); ` +
            (r.kind === "STORE"
              ? `a ${r.storeType} store${r.certificates?.length ? ` with ${r.certificates.join("; ")}` : ""}, named '/flink/usrlib/${r.fileName}' in ssl.*store.location.`
              : `partitioners: ${r.partitioners.join(", ") || "none"}.`) +
            (r.warnings.length > 0 ? ` ${r.warnings.join(" ")}` : ""),
      });
      // The bar stays at 100% until the next upload: the whole file reached the server.
      setProgress({ loaded: file.size, total: file.size });
      onUploaded(r);
    } catch (e) {
      setProgress(null);
      setResult({ kind: "error", text: e instanceof Error ? e.message : String(e) });
    } finally {
      setUploading(false);
    }
  };

  const percent =
    progress && progress.total > 0 ? Math.round((100 * progress.loaded) / progress.total) : 0;
  return (
    <div className="space-y-2">
      <div
        data-testid="resource-drop-zone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const file = e.dataTransfer.files[0];
          if (file) void upload(file);
        }}
        className={`flex flex-wrap items-center gap-3 rounded border-2 border-dashed p-4 text-sm ${dragging ? "border-indigo-500 bg-indigo-50 dark:bg-indigo-950" : "border-slate-300 dark:border-slate-700 bg-white dark:bg-slate-900"}`}
      >
        <span className="text-slate-600 dark:text-slate-300">
          Drop a partitioner JAR (.jar), a JavaScript module (.js, .mjs) or a key or trust store
          (.jks, .p12, .pfx, .pem) here, up to 100 MiB, or
        </span>
        <button
          type="button"
          onClick={() => input.current?.click()}
          disabled={uploading}
          className="rounded bg-slate-800 dark:bg-slate-700 px-3 py-1 text-white disabled:opacity-50"
        >
          Choose a file
        </button>
        <input
          ref={input}
          type="file"
          accept=".jar,.js,.mjs,.jks,.p12,.pfx,.pem,.crt"
          aria-label="Resource file"
          className="hidden"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = "";
            if (file) void upload(file);
          }}
        />
        <FormField label="Name" value={name} onChange={setName} placeholder="from the file name" />
        <FormField
          label="Store password"
          value={password}
          onChange={setPassword}
          placeholder="stores only, optional"
          secret
        />
      </div>
      {progress && (
        <div className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-300">
          <progress aria-label="Upload progress" max={100} value={percent} className="h-2 w-64" />
          <span data-testid="upload-percent">
            {percent}% · {formatBytes(progress.loaded)} of {formatBytes(progress.total)}
          </span>
        </div>
      )}
      {result && (
        <p
          role={result.kind === "error" ? "alert" : "status"}
          className={`text-sm ${result.kind === "error" ? "text-red-700 dark:text-red-400" : "text-emerald-700 dark:text-emerald-400"}`}
        >
          {result.text}
        </p>
      )}
    </div>
  );
}

/** A labelled text field of the upload form (aria-label "Resource name" / "Store password"). */
function FormField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  placeholder: string;
  secret?: boolean;
}) {
  return (
    <label className="flex items-center gap-1 text-slate-600 dark:text-slate-300">
      {props.label}
      <input
        {...(props.secret ? { type: "password", autoComplete: "off" } : {})}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        placeholder={props.placeholder}
        aria-label={props.label === "Name" ? "Resource name" : props.label}
        className="rounded border border-slate-300 dark:border-slate-700 px-2 py-1"
      />
    </label>
  );
}
