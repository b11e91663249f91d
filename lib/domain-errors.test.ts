/**
 * Domain code speaks in domain errors (NotFound, Conflict, Invalid, …) and never in HTTP: only
 * the route wrapper (lib/api) knows statuses. A module under lib/ (outside lib/api) or workers/
 * that imports the API's error types — or anything of lib/api/problem — is domain code throwing
 * HTTP again. Tests and test support are not domain code.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { domainHeaders, domainStatus } from "@/lib/api/domain-status";
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
} from "./domain-errors";

const ROOT = path.resolve(import.meta.dirname, "..");

function domainFiles(): string[] {
  return execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
    cwd: ROOT,
    encoding: "utf8",
  })
    .split("\n")
    .filter((f) => /^(lib|workers)\/.*\.tsx?$/.test(f))
    .filter((f) => !f.startsWith("lib/api/") && !f.startsWith("lib/generated/"))
    .filter((f) => !/\.test\.tsx?$/.test(f) && !/(^|\/)testing(\/|\.ts$)/.test(f));
}

/** Imports of lib/api/problem (by alias or relative path) and uses of its error classes. */
const HTTP_ERRORS =
  /\b(ApiError|NotFoundError)\b|["'](@\/lib\/api|\.\.?(\/\.\.)*\/api)\/problem["']/;

describe("domain errors", () => {
  it("no module under lib/ outside lib/api, nor workers/, throws or imports the API's errors", () => {
    const files = domainFiles();
    expect(files.length).toBeGreaterThan(100);
    const offenders = files.filter((f) =>
      HTTP_ERRORS.test(readFileSync(path.join(ROOT, f), "utf8")),
    );
    expect(offenders, "throw NotFound/Conflict/Invalid/… from lib/domain-errors.ts").toEqual([]);
  });

  it("the check sees an import of ApiError", () => {
    expect(HTTP_ERRORS.test('import { ApiError } from "@/lib/api/problem";')).toBe(true);
    expect(HTTP_ERRORS.test('import { problem } from "../api/problem";')).toBe(true);
    expect(HTTP_ERRORS.test('import { NotFound } from "@/lib/domain-errors";')).toBe(false);
  });

  it("each kind answers with its status; an unlisted DomainError with 400", () => {
    const cases: Array<[DomainError, number]> = [
      [new BadInput("x"), 400],
      [new Unauthenticated("x"), 401],
      [new Forbidden("x"), 403],
      [new NotFound("x"), 404],
      [new Conflict("x"), 409],
      [new Gone("x"), 410],
      [new TooLarge("x"), 413],
      [new UnsupportedType("x"), 415],
      [new Invalid("x"), 422],
      [new TooManyAttempts("x", 7), 429],
      [new Unavailable("x"), 503],
      [new DomainError("x"), 400],
    ];
    for (const [e, status] of cases) expect([e.name, domainStatus(e)]).toEqual([e.name, status]);
    expect(domainHeaders(new TooManyAttempts("wait", 7))).toEqual({ "retry-after": "7" });
    expect(domainHeaders(new Conflict("x"))).toBeUndefined();
  });
});
