/**
 * Errors domain code (lib/<domain>) throws, in the domain's words, without HTTP: the route
 * wrapper (lib/api/route.ts) alone maps them to statuses — NotFound 404, Conflict 409, Invalid
 * 422 — so lib/ stays usable from the CLI and workers, which show the message as it is.
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

/** What was asked for does not exist. */
export class NotFound extends DomainError {}

/** The request contradicts the current state (a job already ended, a name taken). */
export class Conflict extends DomainError {}

/** Well-formed input that cannot be processed (a script with errors, an engine that cannot run it). */
export class Invalid extends DomainError {}
