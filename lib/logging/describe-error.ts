/**
 * What a log line says about an error. Database errors are described by their class and code
 * only: Prisma's validation messages and the driver's messages quote the values of the query
 * (a password in a JSON column, a literal in a WHERE clause), and the key and the value often sit
 * in separate fields, which no text redaction can pair up. Other errors keep their message and
 * stack (the logger still masks password-like text in them).
 */

interface DatabaseErrorFacts {
  name: string;
  code?: string;
  /** Prisma's model and the columns involved (names only), when it says. */
  model?: string;
  target?: string;
}

/** The facts of a Prisma or PostgreSQL driver error, or undefined for any other error. */
export function databaseErrorFacts(e: unknown): DatabaseErrorFacts | undefined {
  if (!(e instanceof Error)) return undefined;
  const err = e as Error & {
    code?: unknown;
    meta?: Record<string, unknown>;
    severity?: unknown;
    routine?: unknown;
    clientVersion?: unknown;
  };
  const isPrisma = err.name.startsWith("PrismaClient") || err.clientVersion !== undefined;
  // node-postgres's DatabaseError: a SQLSTATE code and the server's severity.
  const isDriver =
    typeof err.code === "string" &&
    /^[0-9A-Z]{5}$/.test(err.code) &&
    (typeof err.severity === "string" || typeof err.routine === "string");
  if (!isPrisma && !isDriver) {
    const cause = (e as { cause?: unknown }).cause;
    return cause !== undefined && cause !== e ? databaseErrorFacts(cause) : undefined;
  }
  const facts: DatabaseErrorFacts = { name: err.name };
  if (typeof err.code === "string") facts.code = err.code;
  const model = err.meta?.modelName;
  if (typeof model === "string") facts.model = model;
  const target = err.meta?.target;
  if (Array.isArray(target) && target.every((t) => typeof t === "string"))
    facts.target = target.join(",");
  else if (typeof target === "string" && /^[\w.,]+$/.test(target)) facts.target = target;
  return facts;
}

/** An error as a log field: database errors by code, others by stack or message. */
export function describeErrorForLog(e: unknown): string {
  const db = databaseErrorFacts(e);
  if (db) {
    return (
      `${db.name}${db.code ? ` ${db.code}` : ""}` +
      (db.model ? ` on ${db.model}` : "") +
      (db.target ? ` (${db.target})` : "") +
      " (message withheld: database errors can quote values)"
    );
  }
  if (e instanceof Error) return e.stack ?? e.message;
  return String(e);
}
