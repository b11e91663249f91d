import { z, type ZodType } from "zod";
import { ApiError, problem, problemResponse } from "./problem";
import { DomainError } from "@/lib/domain-errors";
import { domainHeaders, domainStatus } from "./domain-status";
import { ANONYMOUS, authenticate, type Session, type SignedInSession } from "./session";
import { checkContentType, checkHost, checkSameOrigin, isStateChanging } from "./cross-site";
import { roleAtLeast } from "@/lib/auth/roles";
import { logger } from "@/lib/logging/logger";
import { readBodyText, refuseNul, strictDeep } from "./input";
import { inputErrorOf } from "./database-input-error";
import { describeErrorForLog } from "@/lib/logging/describe-error";

/**
 * The one way into the API. Every route handler is `route({ access, body, query, params }, handler)`:
 * the wrapper checks the session against the route's access rule, parses input with the Zod
 * schemas, and turns every error into a JSON problem response whose message names the culprit.
 * Input bounds (lib/api/input.ts) hold for every route: bodies read with a size limit while
 * streaming, body and query schemas strict (unknown fields are a 400 naming them), NUL
 * characters refused; errors are logged by name and code, never with the values involved.
 */

/**
 * Who may call a route: `public` (anyone, also before sign-in), or the least role a signed-in
 * user or API token needs. Every route names one; there is no default.
 */
export type RouteAccess = "public" | "viewer" | "editor" | "admin";

interface Schemas {
  access: RouteAccess;
  body?: ZodType;
  query?: ZodType;
  params?: ZodType;
}

type Parsed<S extends Schemas, K extends keyof Schemas> = S[K] extends ZodType
  ? z.output<S[K]>
  : undefined;

export interface RouteContext<S extends Schemas> {
  request: Request;
  body: Parsed<S, "body">;
  query: Parsed<S, "query">;
  params: Parsed<S, "params">;
  /** Who calls: on any route but a public one, a signed-in user or a token. */
  session: S["access"] extends "public" ? Session : SignedInSession;
}

type NextRouteContext = { params: Promise<Record<string, string | string[]>> };

/** A route handler as route() makes it; `access` is the rule it enforces (the route matrix test reads it). */
export type RouteHandler = ((request: Request, context: NextRouteContext) => Promise<Response>) & {
  access: RouteAccess;
};

export function route<S extends Schemas>(
  schemas: S,
  handler: (ctx: RouteContext<S>) => Promise<Response | unknown>,
): RouteHandler {
  const wrapped = async (request: Request, context: NextRouteContext) => {
    try {
      const session = await authorize(request, schemas.access);
      const params = schemas.params
        ? parseInput(schemas.params, await context.params, "path parameter")
        : undefined;
      const query = schemas.query
        ? parseInput(
            strictDeep(schemas.query),
            Object.fromEntries(new URL(request.url).searchParams),
            "query parameter",
          )
        : undefined;
      const body = schemas.body
        ? parseInput(strictDeep(schemas.body), await readJson(request), "request body field")
        : undefined;
      const result = await handler({ request, body, query, params, session } as RouteContext<S>);
      return result instanceof Response ? result : Response.json(result);
    } catch (e) {
      return errorResponse(e, request);
    }
  };
  return Object.assign(wrapped, { access: schemas.access });
}

/**
 * The checks before any handler runs: the Host, the cross-site rules for state-changing
 * requests, and the caller's role against the route's access rule (anonymous → 401, a role too
 * low → 403). Public routes still learn who is calling, to say more to a signed-in caller.
 */
async function authorize(request: Request, access: RouteAccess): Promise<Session> {
  checkHost(request);
  const changing = isStateChanging(request.method);
  if (changing) checkContentType(request);
  let session: Session;
  try {
    session = await authenticate(request);
  } catch (e) {
    if (e instanceof ApiError || e instanceof DomainError) throw e;
    if (access === "public") {
      session = ANONYMOUS; // e.g. the database is down: health must still answer
    } else {
      logger.error("could not check the caller's credentials", {
        error: e instanceof Error ? e.message : String(e),
      });
      throw new ApiError(503, "Sign-in cannot be checked right now (the database is unreachable).");
    }
  }
  if (changing) checkSameOrigin(request, session);
  if (access === "public") return session;
  if (session.anonymous) {
    throw new ApiError(401, "Sign in first, or send an API token as 'Authorization: Bearer …'.");
  }
  if (!roleAtLeast(session.role, access)) {
    throw new ApiError(403, `This needs the ${access} role; you are ${session.role}.`);
  }
  return session;
}

async function readJson(request: Request): Promise<unknown> {
  const text = await readBodyText(request);
  if (text.trim() === "") throw new ApiError(400, "The request body is empty; send a JSON object.");
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ApiError(
      400,
      `The request body is not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
}

function parseInput<T extends ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  refuseNul(input, what);
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.join(".") : "(root)",
    message: issue.message,
  }));
  const first = errors[0];
  throw new ApiError(
    400,
    first.path === "(root)"
      ? `Invalid ${what.replace(/ field$/, "")}: ${first.message}`
      : `Invalid ${what} '${first.path}': ${first.message}`,
    errors,
  );
}

function errorResponse(e: unknown, request: Request): Response {
  if (e instanceof ApiError)
    return problemResponse(problem(e.status, e.message, e.errors), e.headers);
  if (e instanceof DomainError)
    return problemResponse(problem(domainStatus(e), e.message, e.details), domainHeaders(e));
  const inputError = inputErrorOf(e);
  if (inputError) {
    // Logged, by code, so that a value the code itself got wrong still shows up.
    logger.warn("database refused a value from an API request", {
      method: request.method,
      path: new URL(request.url).pathname,
      error: describeErrorForLog(e),
    });
    return problemResponse(problem(inputError.status, inputError.message));
  }
  logger.error("unhandled error in API route", {
    method: request.method,
    path: new URL(request.url).pathname,
    error: describeErrorForLog(e),
  });
  return problemResponse(
    problem(500, "The server failed to handle this request; its log has the details."),
  );
}
