import Link from "next/link";
import type { AttachedResource } from "@/lib/resources/draft-resources";

/** The resource versions a job was deployed with (its additional dependencies). */
export function JobResources({ resources }: { resources: AttachedResource[] }) {
  if (resources.length === 0) return null;
  return (
    <section data-testid="job-resources">
      <h2 className="mb-2 font-medium">Resources</h2>
      <ul className="space-y-1 text-sm">
        {resources.map((r) => (
          <li key={r.id} data-testid="job-resource">
            <Link
              href={`/resources/${r.id}`}
              className="text-sky-700 dark:text-sky-400 hover:underline"
            >
              {r.name}
            </Link>{" "}
            <span className="text-slate-500 dark:text-slate-400">
              version {r.version} · {r.kind}
              {r.partitioners.length > 0 ? ` · ${r.partitioners.join(", ")}` : ""}
            </span>
            <div
              className="font-mono text-xs break-all text-slate-500"
              title="sha256 of the pinned version"
            >
              sha256 <span data-testid="job-resource-sha256">{r.sha256}</span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
