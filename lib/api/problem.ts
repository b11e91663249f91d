/**
 * Errors as JSON problem documents (RFC 9457): every failed API call answers with a status, a
 * title and a detail that names the culprit.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** Per-field problems, e.g. from input validation: where (a JSON path) and what. */
  errors?: Array<{ path: string; message: string }>;
}

/** Thrown by domain code and handlers to answer with a given status and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: Problem["errors"],
    /** Response headers the status needs, e.g. Retry-After with a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export class NotFoundError extends ApiError {
  constructor(what: string) {
    super(404, `${what} was not found.`);
  }
}

const TITLES: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  410: "Gone",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  421: "Misdirected Request",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export function problem(status: number, detail: string, errors?: Problem["errors"]): Problem {
  return {
    type: "about:blank",
    title: TITLES[status] ?? "Error",
    status,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function problemResponse(p: Problem, headers?: Record<string, string>): Response {
  return new Response(JSON.stringify(p), {
    status: p.status,
    headers: { ...headers, "content-type": "application/problem+json" },
  });
}
