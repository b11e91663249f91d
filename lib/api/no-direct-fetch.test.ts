import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The browser talks to the API through lib/api/client.ts alone (its credentials, CSRF headers,
 * error type and answer schemas in one place): a page or component calling fetch, XMLHttpRequest
 * or EventSource itself fails here. Uploads with progress go through the client's apiUpload and
 * streams through lib/events/sse-client.ts, so there are no exceptions.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const DIRECT = /\bfetch\s*\(|\bXMLHttpRequest\b|\bEventSource\b/;

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return rel === path.join("app", "api") ? [] : sources(rel);
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

describe("the browser's API calls", () => {
  it("go through lib/api/client.ts: no component or page calls fetch itself", () => {
    const files = [...sources("components"), ...sources("app")];
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) =>
      readFileSync(path.join(ROOT, file), "utf8")
        .split("\n")
        .flatMap((line, i) => (DIRECT.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });

  it("finds a direct call where one is (the check is not vacuous)", () => {
    expect(DIRECT.test('const res = await fetch("/api/jobs");')).toBe(true);
    expect(DIRECT.test("const xhr = new XMLHttpRequest();")).toBe(true);
    expect(DIRECT.test("api.jobs.list({ limit: 20 })")).toBe(false);
  });

  it("keeps the stream reader on the client's openApiStream: the one fetch is in client.ts", () => {
    const client = readFileSync(path.join(ROOT, "lib/api/client.ts"), "utf8");
    const reader = readFileSync(path.join(ROOT, "lib/events/sse-client.ts"), "utf8");
    expect(client).toMatch(DIRECT);
    expect(reader).not.toMatch(DIRECT);
  });
});
