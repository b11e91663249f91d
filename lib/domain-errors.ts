/**
 * Errors domain code (lib/<domain>) throws, in the domain's words, without HTTP: the route
 * wrapper (lib/api/route.ts, through lib/api/domain-status.ts) alone maps them to statuses, so
 * lib/ stays usable from the CLI and workers, which show the message as it is.
 */
export interface ErrorDetail {
  /** Where: a JSON path of the request (`engine`) or a place in the script (`sql:3:7`). */
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** What was asked for does not exist (404). */
export class NotFound extends DomainError {}

/** The request contradicts the current state: a job already ended, a name taken (409). */
export class Conflict extends DomainError {}

/** Well-formed input that cannot be processed: a script with errors, an engine that cannot run it (422). */
export class Invalid extends DomainError {}

/**
 * Input that breaks a rule of its own form, as a request schema would refuse it: a field out of
 * its range, a name with characters it may not have, an empty or cut-off upload (400).
 */
export class BadInput extends DomainError {}

/** Credentials that do not sign anyone in (401). */
export class Unauthenticated extends DomainError {}

/** The caller is known but may not do this: more rights than they have, a store's bytes (403). */
export class Forbidden extends DomainError {}

/** Something that existed once and is used up: a setup link used or expired (410). */
export class Gone extends DomainError {}

/** A file larger than the limit (413). */
export class TooLarge extends DomainError {}

/** A file or body of a kind Tributary does not take: not a JAR, a JCEKS store (415). */
export class UnsupportedType extends DomainError {}

/** Too many attempts in a while; `retryAfterS` says when to try again (429, Retry-After). */
export class TooManyAttempts extends DomainError {
  constructor(
    message: string,
    readonly retryAfterS: number,
  ) {
    super(message);
  }
}

/** A system Tributary depends on (a Kafka cluster) did not answer or failed the request (503). */
export class Unavailable extends DomainError {}
