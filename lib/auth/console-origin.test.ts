import { describe, expect, it } from "vitest";
import { consoleOrigins } from "./console-origin";
import { safeNextPath } from "./page-session";

describe("consoleOrigins", () => {
  it("serves its own address at PORT by default", () => {
    const o = consoleOrigins({ PORT: "3210" });
    expect([...o.hosts]).toEqual(["localhost:3210", "127.0.0.1:3210", "[::1]:3210"]);
    expect(o.origins.has("http://127.0.0.1:3210")).toBe(true);
    expect(o.publicUrl).toBe("http://localhost:3210");
    expect(o.secure).toBe(false);
  });

  it("serves TRIBUTARY_PUBLIC_URL too when set, naming it in links, with Secure cookies over https", () => {
    const o = consoleOrigins({
      PORT: "3210",
      TRIBUTARY_PUBLIC_URL: "https://tributary.example.com/",
    });
    expect([...o.hosts]).toEqual([
      "localhost:3210",
      "127.0.0.1:3210",
      "[::1]:3210",
      "tributary.example.com",
    ]);
    expect(o.origins.has("https://tributary.example.com")).toBe(true);
    expect(o.origins.has("http://tributary.example.com")).toBe(false);
    expect(o.publicUrl).toBe("https://tributary.example.com");
    expect(o.secure).toBe(true);
    expect(() => consoleOrigins({ TRIBUTARY_PUBLIC_URL: "tributary" })).toThrow(
      /TRIBUTARY_PUBLIC_URL/,
    );
  });

  it("adds a named listen address", () => {
    expect(
      consoleOrigins({ PORT: "8080", HOSTNAME: "console.lan" }).hosts.has("console.lan:8080"),
    ).toBe(true);
    expect(consoleOrigins({ PORT: "8080", HOSTNAME: "0.0.0.0" }).hosts.has("0.0.0.0:8080")).toBe(
      false,
    );
  });
});

describe("safeNextPath", () => {
  it("returns only to local paths", () => {
    expect(safeNextPath("/jobs/1?x=2")).toBe("/jobs/1?x=2");
    for (const bad of [
      "https://evil.example",
      "//evil.example",
      "/\\evil.example",
      "",
      undefined,
    ]) {
      expect(safeNextPath(bad)).toBe("/");
    }
  });
});
