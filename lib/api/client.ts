/**
 * The console's API as the browser calls it: one function per endpoint the pages use, each
 * returning its typed answer and throwing one error type, `ApiClientError`, with the status, the
 * problem's `detail` (which names the culprit) as its message, and the problem's per-field
 * `errors`. Answers with a Zod schema (lib/<domain>/schemas.ts, the route's own) are parsed with
 * it, so a server that answers something else fails here with a clear message instead of deep in
 * a component. No React; every page and component goes through this module (a test refuses
 * `fetch(` elsewhere in components/).
 *
 * Credentials and CSRF in one place: requests are same-origin, so the browser sends the session
 * cookie (`credentials: "same-origin"`) and, on state-changing requests, its own `Origin` header,
 * which the route wrapper checks (lib/api/cross-site.ts); bodies go as `application/json` (or
 * multipart for uploads), the only types the wrapper accepts on such requests.
 */
import type { z, ZodType } from "zod";
import type { AttachedResource } from "@/lib/resources/draft-resources";
import type { ResourceDetail } from "@/lib/resources/get-resource";
import type { ResourceSummary } from "@/lib/resources/list-resources";
import type { UploadedResource } from "@/lib/resources/upload-resource";
import type { BrowseResult } from "@/lib/topics/browse-messages";
import type { TopicDetails } from "@/lib/topics/describe-topic";
import type { TopicSummary } from "@/lib/topics/list-topics";
import type { SavedFilter } from "@/lib/topics/saved-filters";
import type { CreatedTopic } from "@/lib/topics/create-topic";
import type { DiagnosisReport } from "@/lib/kafka/diagnostics/report";
import type { DiagnoseRequest } from "@/lib/kafka/diagnostics/schemas";
import type { HealthReport } from "@/lib/health/check-health";
import type { PreviewResult } from "@/lib/preview/run-preview";
import type { previewInput } from "@/lib/preview/schemas";
import type { JobDetail } from "@/lib/jobs/get-job";
import type { LogPage } from "@/lib/job-logs/query-job-logs";
import type { MetricSeries } from "@/lib/metrics/query-metrics";
import type { CheckResult } from "@/lib/sql-service/check-script";
import type { checkScriptInput } from "@/lib/sql-service/schemas";
import {
  clusterProfile,
  type clusterProfileInput,
  clusterProfileList,
  type clusterProfileUpdate,
} from "@/lib/clusters/schemas";
import type {
  browseInput,
  createTopicInput,
  saveFilterInput,
  tailInput,
} from "@/lib/topics/schemas";
import {
  apiTokenList,
  createdApiToken,
  type createTokenInput,
  type createUserInput,
  sessionList,
  type setupInput,
  signedInSession,
  type signInInput,
  type updateUserInput,
  userList,
  userSummary,
} from "@/lib/auth/schemas";
import {
  type createDraftInput,
  draftDetail,
  draftList,
  type saveDraftInput,
  type updateDraftInput,
} from "@/lib/drafts/schemas";
import { createdJob, type createJobInput, jobPage, type redeployInput } from "@/lib/jobs/schemas";
import {
  type createSecretInput,
  type putSecretInput,
  secretInfo,
  secretList,
  secretNames,
} from "@/lib/secrets/schemas";

/** One problem with one input field, as the route wrapper reports it. */
export interface ApiFieldError {
  /** A JSON path of the request (`tags.0`), or a place in a script (`sql:3:7`). */
  path: string;
  message: string;
}

/** Every failed call: an HTTP error answer, a broken connection, or an answer of the wrong shape. */
export class ApiClientError extends Error {
  constructor(
    message: string,
    /** The HTTP status; 0 when no answer came (network failure). */
    readonly status: number,
    /** The problem's per-field errors, first one first (empty when it names none). */
    readonly errors: ApiFieldError[] = [],
  ) {
    super(message);
    this.name = "ApiClientError";
  }

  /** The first field the server blamed (`name`, `tags.0`, `sql`). */
  get field(): string | undefined {
    const path = this.errors[0]?.path;
    return path === undefined ? undefined : (SCRIPT_PLACE.exec(path)?.[1] ?? path);
  }

  /** Where in a script, when the server named a place (`sql:3:7` → line 3, column 7). */
  get line(): number | undefined {
    return this.place()?.line;
  }

  get column(): number | undefined {
    return this.place()?.column;
  }

  private place(): { line: number; column: number } | undefined {
    const m = SCRIPT_PLACE.exec(this.errors[0]?.path ?? "");
    return m ? { line: Number(m[2]), column: Number(m[3]) } : undefined;
  }
}

const SCRIPT_PLACE = /^(.*):(\d+):(\d+)$/;

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Query = Record<string, string | number | boolean | undefined>;

export interface RequestOptions<T> {
  /** Sent as JSON. */
  body?: unknown;
  query?: Query;
  signal?: AbortSignal;
  /** Parses the answer; without one the answer is typed by the endpoint's domain type. */
  schema?: ZodType<T>;
  /** Statuses besides 2xx whose body is an answer, not a problem (health's 503 report). */
  answerStatuses?: number[];
}

export function apiUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const text = params.toString();
  return text === "" ? path : `${path}?${text}`;
}

/** The one place the console's pages call fetch. */
export async function apiRequest<T = unknown>(
  method: Method,
  path: string,
  options: RequestOptions<T> = {},
): Promise<T> {
  const url = apiUrl(path, options.query);
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: "same-origin",
      cache: "no-store",
      headers: options.body === undefined ? undefined : { "content-type": "application/json" },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    throw networkError(e);
  }
  const text = await res.text().catch(() => "");
  return readAnswer(method, path, res.status, text, options);
}

/**
 * Opens a server-sent event stream (lib/events/sse-client.ts reads it): its body, or the
 * problem's ApiClientError when the server refuses.
 */
export async function openApiStream(
  url: string,
  opts: { signal: AbortSignal; lastEventId?: string },
): Promise<ReadableStream<Uint8Array>> {
  let res: Response;
  try {
    res = await fetch(url, {
      credentials: "same-origin",
      cache: "no-store",
      signal: opts.signal,
      headers: {
        accept: "text/event-stream",
        ...(opts.lastEventId ? { "last-event-id": opts.lastEventId } : {}),
      },
    });
  } catch (e) {
    throw networkError(e);
  }
  if (res.ok && res.body) return res.body;
  throw problemError(res.status, jsonOf(await res.text().catch(() => "")));
}

/**
 * Uploads a multipart form with XMLHttpRequest, whose upload events (unlike fetch's) report
 * progress; the answer and the errors are those of apiRequest.
 */
export function apiUpload<T>(
  path: string,
  form: FormData,
  /** `total` is undefined while the browser does not know it. */
  onProgress: (loaded: number, total: number | undefined) => void,
  options: { schema?: ZodType<T> } = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : undefined);
    xhr.onerror = () =>
      reject(new ApiClientError("The upload failed: the connection to the server broke.", 0));
    xhr.onload = () => {
      try {
        resolve(readAnswer("POST", path, xhr.status, xhr.responseText, options));
      } catch (e) {
        reject(e);
      }
    };
    xhr.send(form);
  });
}

function networkError(e: unknown): unknown {
  // An abort is the caller's own doing: it stays what it is, for the caller's `signal.aborted`.
  if (e instanceof Error && e.name === "AbortError") return e;
  const why = e instanceof Error ? e.message : String(e);
  return new ApiClientError(`The connection to the console failed (${why}).`, 0);
}

function readAnswer<T>(
  method: Method,
  path: string,
  status: number,
  text: string,
  options: Pick<RequestOptions<T>, "schema" | "answerStatuses">,
): T {
  const body = jsonOf(text);
  const answered = (status >= 200 && status < 300) || options.answerStatuses?.includes(status);
  if (!answered) throw problemError(status, body);
  if (status === 204 || !options.schema) return body as T;
  const parsed = options.schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue.path.length > 0 ? `'${issue.path.join(".")}'` : "the answer";
  throw new ApiClientError(
    `The console answered ${method} ${path} with something this page does not understand (${where}: ${issue.message}); reload the page.`,
    status,
  );
}

/** The JSON of a body, or undefined when it is empty or not JSON (a proxy's HTML error page). */
function jsonOf(text: string): unknown {
  try {
    return text === "" ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

function problemError(status: number, body: unknown): ApiClientError {
  const problem = (body ?? {}) as { detail?: unknown; errors?: unknown };
  const errors = Array.isArray(problem.errors)
    ? problem.errors.filter(
        (e): e is ApiFieldError =>
          typeof e === "object" &&
          e !== null &&
          typeof (e as ApiFieldError).path === "string" &&
          typeof (e as ApiFieldError).message === "string",
      )
    : [];
  return new ApiClientError(
    typeof problem.detail === "string" ? problem.detail : `The request failed (HTTP ${status}).`,
    status,
    errors,
  );
}

const enc = encodeURIComponent;
/** A request body as its route's schema takes it (read-only arrays welcome: it is only sent). */
type In<S extends ZodType> = Sendable<z.input<S>>;
type Sendable<T> = T extends readonly (infer U)[]
  ? readonly Sendable<U>[]
  : T extends object
    ? { [K in keyof T]: Sendable<T[K]> }
    : T;

/** The endpoints the console's pages call, by domain (the README's API table has them all). */
export const api = {
  auth: {
    session: () => apiRequest("GET", "/api/auth/session", { schema: signedInSession }),
    signIn: (body: In<typeof signInInput>) =>
      apiRequest<{ ok: true }>("POST", "/api/auth/sign-in", { body }),
    signOut: () => apiRequest<{ ok: true }>("POST", "/api/auth/sign-out"),
    setup: (body: In<typeof setupInput>) =>
      apiRequest<{ ok: true }>("POST", "/api/auth/setup", { body }),
    sessions: (signal?: AbortSignal) =>
      apiRequest("GET", "/api/auth/sessions", { schema: sessionList, signal }).then(
        (r) => r.sessions,
      ),
    revokeSession: (id: string) =>
      apiRequest<{ revoked: number }>("DELETE", `/api/auth/sessions/${enc(id)}`),
    /** Sign out everywhere, or (keep: "current") everywhere else. */
    revokeSessions: (keep?: "current") =>
      apiRequest<{ revoked: number }>("DELETE", "/api/auth/sessions", { query: { keep } }),
  },
  users: {
    list: (signal?: AbortSignal) =>
      apiRequest("GET", "/api/users", { schema: userList, signal }).then((r) => r.users),
    create: (body: In<typeof createUserInput>) =>
      apiRequest("POST", "/api/users", { body, schema: userSummary }),
    update: (id: string, body: In<typeof updateUserInput>) =>
      apiRequest("PATCH", `/api/users/${enc(id)}`, { body, schema: userSummary }),
    signOutEverywhere: (id: string) =>
      apiRequest<{ revoked: number }>("DELETE", `/api/users/${enc(id)}/sessions`),
  },
  tokens: {
    list: (signal?: AbortSignal) =>
      apiRequest("GET", "/api/tokens", { schema: apiTokenList, signal }).then((r) => r.tokens),
    create: (body: In<typeof createTokenInput>) =>
      apiRequest("POST", "/api/tokens", { body, schema: createdApiToken }),
    revoke: (id: string) => apiRequest<void>("DELETE", `/api/tokens/${enc(id)}`),
  },
  drafts: {
    list: (archived = false) =>
      apiRequest("GET", "/api/drafts", {
        query: { archived: archived ? "true" : undefined },
        schema: draftList,
      }).then((r) => r.drafts),
    get: (id: string, version?: number) =>
      apiRequest("GET", `/api/drafts/${enc(id)}`, { query: { version }, schema: draftDetail }),
    create: (body: In<typeof createDraftInput>) =>
      apiRequest("POST", "/api/drafts", { body, schema: draftDetail }),
    save: (id: string, body: In<typeof saveDraftInput>) =>
      apiRequest("PUT", `/api/drafts/${enc(id)}`, { body, schema: draftDetail }),
    update: (id: string, body: In<typeof updateDraftInput>) =>
      apiRequest("PATCH", `/api/drafts/${enc(id)}`, { body, schema: draftDetail }),
    resources: (id: string) =>
      apiRequest<{ resources: AttachedResource[] }>("GET", `/api/drafts/${enc(id)}/resources`).then(
        (r) => r.resources,
      ),
    attach: (id: string, resourceId: string) =>
      apiRequest<{ resources: AttachedResource[] }>("POST", `/api/drafts/${enc(id)}/resources`, {
        body: { resourceId },
      }).then((r) => r.resources),
    detach: (id: string, resourceId: string) =>
      apiRequest<{ resources: AttachedResource[] }>(
        "DELETE",
        `/api/drafts/${enc(id)}/resources/${enc(resourceId)}`,
      ).then((r) => r.resources),
  },
  sql: {
    validate: (body: In<typeof checkScriptInput>, signal?: AbortSignal) =>
      apiRequest<CheckResult>("POST", "/api/sql/validate", { body, signal }),
    explain: (body: In<typeof checkScriptInput>, signal?: AbortSignal) =>
      apiRequest<CheckResult & { plan?: string }>("POST", "/api/sql/explain", { body, signal }),
    preview: (body: In<typeof previewInput>) =>
      apiRequest<PreviewResult>("POST", "/api/sql/preview", { body }),
  },
  jobs: {
    /** A page of the list (`status`: comma-separated statuses). */
    list: (query: {
      status?: string;
      search?: string;
      archived?: boolean;
      limit?: number;
      offset?: number;
    }) => apiRequest("GET", "/api/jobs", { query, schema: jobPage }),
    get: (id: string, signal?: AbortSignal) =>
      apiRequest<JobDetail>("GET", `/api/jobs/${enc(id)}`, { signal }),
    deploy: (body: In<typeof createJobInput>) =>
      apiRequest("POST", "/api/jobs", { body, schema: createdJob }),
    /** cancel, stop (with offsets) or redeploy: 202, the job's new desired state. */
    act: (id: string, action: "cancel" | "stop") =>
      apiRequest<{ id: string; desiredState: string }>("POST", `/api/jobs/${enc(id)}/${action}`),
    redeploy: (id: string, body: In<typeof redeployInput>) =>
      apiRequest<{ id: string; desiredState: string }>("POST", `/api/jobs/${enc(id)}/redeploy`, {
        body,
      }),
    archive: (id: string, archived: boolean) =>
      apiRequest<{ id: string; archived: boolean }>("POST", `/api/jobs/${enc(id)}/archive`, {
        body: { archived },
      }),
    delete: (id: string) => apiRequest<void>("DELETE", `/api/jobs/${enc(id)}`),
    groupOffsets: (id: string, signal?: AbortSignal) =>
      apiRequest<{ offsets: Record<string, Record<string, string>>; recordedAt: string }>(
        "GET",
        `/api/jobs/${enc(id)}/group-offsets`,
        { signal },
      ),
    logs: (id: string, query: Query) =>
      apiRequest<LogPage>("GET", `/api/jobs/${enc(id)}/logs`, { query }),
    metrics: (id: string, query: Query, signal?: AbortSignal) =>
      apiRequest<{ series: MetricSeries[] }>("GET", `/api/jobs/${enc(id)}/metrics`, {
        query,
        signal,
      }).then((r) => r.series),
  },
  resources: {
    list: (search?: string) =>
      apiRequest<{ resources: ResourceSummary[] }>("GET", "/api/resources", {
        query: { search: search || undefined },
      }).then((r) => r.resources),
    get: (id: string) => apiRequest<ResourceDetail>("GET", `/api/resources/${enc(id)}`),
    delete: (id: string) => apiRequest<void>("DELETE", `/api/resources/${enc(id)}`),
    /** `password`: a key or trust store's, to open it (it is not stored). */
    upload: (
      file: File,
      opts: { name?: string; password?: string },
      onProgress: (loaded: number, total: number) => void,
    ) => {
      const form = new FormData();
      if (opts.name) form.append("name", opts.name);
      if (opts.password) form.append("password", opts.password);
      form.append("file", file, file.name);
      return apiUpload<UploadedResource>("/api/resources", form, (loaded, total) =>
        onProgress(loaded, total ?? file.size),
      );
    },
  },
  secrets: {
    list: (signal?: AbortSignal) =>
      apiRequest("GET", "/api/secrets", { signal, schema: secretList }).then((r) => r.secrets),
    names: () =>
      apiRequest("GET", "/api/secret-names", { schema: secretNames }).then((r) => r.names),
    create: (body: In<typeof createSecretInput>) =>
      apiRequest("POST", "/api/secrets", { body, schema: secretInfo }),
    put: (name: string, body: In<typeof putSecretInput>) =>
      apiRequest("PUT", `/api/secrets/${enc(name)}`, { body, schema: secretInfo }),
    delete: (name: string) => apiRequest<void>("DELETE", `/api/secrets/${enc(name)}`),
  },
  clusters: {
    list: () =>
      apiRequest("GET", "/api/clusters", { schema: clusterProfileList }).then((r) => r.clusters),
    create: (body: In<typeof clusterProfileInput>) =>
      apiRequest("POST", "/api/clusters", { body, schema: clusterProfile }),
    update: (id: string, body: In<typeof clusterProfileUpdate>) =>
      apiRequest("PUT", `/api/clusters/${enc(id)}`, { body, schema: clusterProfile }),
    delete: (id: string) => apiRequest<void>("DELETE", `/api/clusters/${enc(id)}`),
    /** The connectivity diagnosis against the profile's brokers, with its settings. */
    test: (id: string, signal?: AbortSignal) =>
      apiRequest<DiagnosisReport>("POST", `/api/clusters/${enc(id)}/test`, { signal }),
  },
  topics: {
    list: (query: { cluster?: string; search?: string; internal?: boolean }) =>
      apiRequest<{ topics: TopicSummary[] }>("GET", "/api/topics", { query }).then((r) => r.topics),
    get: (name: string, cluster?: string) =>
      apiRequest<TopicDetails>("GET", `/api/topics/${enc(name)}`, {
        query: { cluster: cluster || undefined },
      }),
    create: (body: In<typeof createTopicInput>) =>
      apiRequest<CreatedTopic>("POST", "/api/topics", { body }),
    delete: (name: string, cluster?: string) =>
      apiRequest<void>("DELETE", `/api/topics/${enc(name)}`, {
        query: { cluster: cluster || undefined },
      }),
    browse: (name: string, body: Omit<In<typeof browseInput>, "topic">) =>
      apiRequest<BrowseResult>("POST", `/api/topics/${enc(name)}/messages`, { body }),
    filters: (name: string, cluster?: string) =>
      apiRequest<{ filters: SavedFilter[] }>("GET", `/api/topics/${enc(name)}/filters`, {
        query: { cluster: cluster || undefined },
      }).then((r) => r.filters),
    saveFilter: (name: string, cluster: string | undefined, body: In<typeof saveFilterInput>) =>
      apiRequest<SavedFilter>("POST", `/api/topics/${enc(name)}/filters`, {
        query: { cluster: cluster || undefined },
        body,
      }),
    deleteFilter: (name: string, filterId: string) =>
      apiRequest<void>("DELETE", `/api/topics/${enc(name)}/filters/${enc(filterId)}`),
    /** The live tail's stream address (read with lib/events/sse-client.ts). */
    tailUrl: (name: string, spec: In<typeof tailInput>) =>
      apiUrl(`/api/topics/${enc(name)}/tail`, { q: JSON.stringify(spec) }),
  },
  diagnostics: {
    kafka: (body: DiagnoseRequest, signal?: AbortSignal) =>
      apiRequest<DiagnosisReport>("POST", "/api/diagnostics/kafka", { body, signal }),
  },
  /** 200 or 503, a report either way (anonymous callers get only `ok`). */
  health: (signal?: AbortSignal) =>
    apiRequest<HealthReport>("GET", "/api/health", { signal, answerStatuses: [503] }),
};
