"use client";
/** The editor's calls to the drafts and jobs API, with problem details turned into errors. */
import type { DraftDetail, DraftSummary } from "@/lib/drafts/drafts";

export type { DraftDetail, DraftSummary };

export async function api<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, {
    ...init,
    headers: { "content-type": "application/json", ...init?.headers },
  });
  const body = await res.json().catch(() => ({}));
  if (!res.ok) {
    const problem = body as { detail?: string; errors?: Array<{ message: string }> };
    throw new Error(problem.detail ?? `${res.status} ${res.statusText}`);
  }
  return body as T;
}

export const draftsApi = {
  list: (archived = false) =>
    api<{ drafts: DraftSummary[] }>(`/api/drafts${archived ? "?archived=true" : ""}`).then(
      (b) => b.drafts,
    ),
  get: (id: string, version?: number) =>
    api<DraftDetail>(`/api/drafts/${id}${version ? `?version=${version}` : ""}`),
  create: (input: { name: string; sql: string; tags?: string[]; comment?: string }) =>
    api<DraftDetail>("/api/drafts", { method: "POST", body: JSON.stringify(input) }),
  save: (id: string, input: { sql: string; baseVersion: number; comment?: string }) =>
    api<DraftDetail>(`/api/drafts/${id}`, { method: "PUT", body: JSON.stringify(input) }),
  update: (id: string, input: { name?: string; tags?: string[]; archived?: boolean }) =>
    api<DraftDetail>(`/api/drafts/${id}`, { method: "PATCH", body: JSON.stringify(input) }),
};
