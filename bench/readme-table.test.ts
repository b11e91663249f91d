import { describe, expect, it } from "vitest";
import { END_MARKER, latestResult, replaceBetweenMarkers, START_MARKER } from "./readme-table";

describe("replaceBetweenMarkers", () => {
  it("replaces what was between the markers and keeps the rest", () => {
    const readme = `# T\n\n${START_MARKER}\nold table\n${END_MARKER}\n\nafter\n`;
    const once = replaceBetweenMarkers(readme, "| new |");
    expect(once).toBe(`# T\n\n${START_MARKER}\n| new |\n${END_MARKER}\n\nafter\n`);
    expect(replaceBetweenMarkers(once, "| new |")).toBe(once);
  });

  it("refuses a README without both markers", () => {
    expect(() => replaceBetweenMarkers("# T\n", "x")).toThrow("README.md needs the lines");
    expect(() => replaceBetweenMarkers(`${END_MARKER}\n${START_MARKER}`, "x")).toThrow();
  });
});

describe("latestResult", () => {
  it("takes the newest file of the bench asked for", () => {
    const files = [
      "vs-flink-2026-12-04T19-11-42-363Z.json",
      "vs-flink-2026-12-05T08-00-00-000Z.json",
      "latency-2026-12-06T08-00-00-000Z.json",
      "README.md",
    ];
    expect(latestResult(files, "vs-flink")).toBe("vs-flink-2026-12-05T08-00-00-000Z.json");
    expect(latestResult(files, "latency")).toBe("latency-2026-12-06T08-00-00-000Z.json");
    expect(latestResult(["README.md"], "latency")).toBeUndefined();
  });
});
