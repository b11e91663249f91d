/**
 * Pages need a signed-in user: anyone else is sent to /sign-in (and back after). API routes check
 * for themselves in lib/api/route.ts; static assets are not matched. Requests for a Host the
 * console does not serve are refused here too (DNS rebinding).
 */
import { NextResponse, type NextRequest } from "next/server";
import { consoleOrigins, requestHost } from "@/lib/auth/console-origin";
import { findSessionUser, sessionTokenOf } from "@/lib/auth/sessions";

const OPEN_PAGES = ["/sign-in", "/setup"];

export async function proxy(request: NextRequest) {
  const host = requestHost(request);
  if (!consoleOrigins().hosts.has(host)) {
    return new Response(
      `This console does not serve the host '${host.slice(0, 100)}'; set TRIBUTARY_PUBLIC_URL to the address users reach it at.\n`,
      { status: 421, headers: { "content-type": "text/plain; charset=utf-8" } },
    );
  }
  const path = request.nextUrl.pathname;
  if (OPEN_PAGES.some((p) => path === p || path.startsWith(`${p}/`))) return NextResponse.next();
  const token = sessionTokenOf(request);
  const signedIn = token ? await findSessionUser(token).catch(() => null) : null;
  if (signedIn) return NextResponse.next();
  const signIn = request.nextUrl.clone();
  signIn.pathname = "/sign-in";
  signIn.search = path === "/" ? "" : `?next=${encodeURIComponent(path + request.nextUrl.search)}`;
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: ["/((?!api/|_next/|monaco/|favicon\\.ico$).*)"],
};
