/**
 * The client's address as Next.js passes it on (x-forwarded-for, which its server fills from the
 * socket when the request has none). A client can send its own, so it keys only the per-address
 * sign-in limit; the per-account and total limits do not depend on it.
 */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for");
  return forwarded?.split(",")[0].trim().slice(0, 100) || "unknown";
}
