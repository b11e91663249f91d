import {
  BadInput,
  Conflict,
  DomainError,
  Forbidden,
  Gone,
  Invalid,
  NotFound,
  TooLarge,
  TooManyAttempts,
  Unauthenticated,
  Unavailable,
  UnsupportedType,
} from "@/lib/domain-errors";

/**
 * The one place domain errors (lib/domain-errors.ts) become HTTP statuses; the route wrapper
 * answers with it. A DomainError of no listed kind is a 400.
 */
const STATUSES: Array<[new (...args: never[]) => DomainError, number]> = [
  [BadInput, 400],
  [Unauthenticated, 401],
  [Forbidden, 403],
  [NotFound, 404],
  [Conflict, 409],
  [Gone, 410],
  [TooLarge, 413],
  [UnsupportedType, 415],
  [Invalid, 422],
  [TooManyAttempts, 429],
  [Unavailable, 503],
];

export function domainStatus(e: DomainError): number {
  return STATUSES.find(([kind]) => e instanceof kind)?.[1] ?? 400;
}

/** Headers a status needs: Retry-After with a 429. */
export function domainHeaders(e: DomainError): Record<string, string> | undefined {
  return e instanceof TooManyAttempts ? { "retry-after": String(e.retryAfterS) } : undefined;
}
