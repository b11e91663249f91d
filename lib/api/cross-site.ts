/**
 * Refusals that keep other web sites out: a Host the console does not serve (DNS rebinding), and
 * state-changing requests that a page elsewhere could make a signed-in browser send (CSRF) — a
 * body that is not JSON or multipart (HTML forms can send only urlencoded, multipart or text
 * without a CORS preflight, and multipart is refused by the Origin check), or an Origin that is
 * not the console's own.
 */
import { consoleOrigins, requestHost } from "@/lib/auth/console-origin";
import { ApiError } from "./problem";
import type { Session } from "./session";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const BODY_TYPES = ["application/json", "multipart/form-data"];

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

export function checkHost(request: Request): void {
  const host = requestHost(request);
  const { hosts } = consoleOrigins();
  if (!hosts.has(host)) {
    throw new ApiError(
      421,
      `This console does not serve the host '${host.slice(0, 100)}'; set TRIBUTARY_PUBLIC_URL to the address users reach it at.`,
    );
  }
}

export function checkContentType(request: Request): void {
  const type = request.headers.get("content-type");
  const length = request.headers.get("content-length");
  const hasBody =
    type !== null ||
    (length !== null && length !== "0") ||
    request.headers.has("transfer-encoding");
  if (!hasBody) return;
  const media = (type ?? "").split(";")[0].trim().toLowerCase();
  if (!BODY_TYPES.includes(media)) {
    throw new ApiError(
      415,
      `The request body must be application/json${media === "" ? "" : `, not '${media.slice(0, 100)}'`}.`,
    );
  }
}

/** A browser's state-changing request must come from the console's own pages. */
export function checkSameOrigin(request: Request, session: Session): void {
  // A bearer token is never attached by a browser on its own, so a token request is not CSRF.
  if (session.via === "token") return;
  const origin = request.headers.get("origin");
  const fetchSite = request.headers.get("sec-fetch-site");
  if (origin !== null) {
    if (!consoleOrigins().origins.has(origin.toLowerCase())) {
      throw new ApiError(
        403,
        `Cross-site request refused: it came from '${origin.slice(0, 100)}'.`,
      );
    }
    return;
  }
  if (fetchSite !== null) {
    if (fetchSite !== "same-origin") {
      throw new ApiError(
        403,
        `Cross-site request refused (Sec-Fetch-Site: ${fetchSite.slice(0, 40)}).`,
      );
    }
    return;
  }
  // No browser header at all: a script or the CLI, fine without a cookie; a cookie must come
  // with an Origin (every current browser sends one on such requests).
  if (session.via === "session") {
    throw new ApiError(403, "A signed-in state-changing request must carry an Origin header.");
  }
}
