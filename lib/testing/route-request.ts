/**
 * Calls a route handler the way Next.js does, for tests: a Request with a JSON body and the
 * route's path parameters.
 */
type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export function callRoute(
  handler: Handler,
  opts: { method?: string; url?: string; body?: unknown; params?: Record<string, string> } = {},
): Promise<Response> {
  const request = new Request(opts.url ?? "http://test/api", {
    method: opts.method ?? (opts.body === undefined ? "GET" : "POST"),
    ...(opts.body === undefined
      ? {}
      : { body: JSON.stringify(opts.body), headers: { "content-type": "application/json" } }),
  });
  return handler(request, { params: Promise.resolve(opts.params ?? {}) });
}
