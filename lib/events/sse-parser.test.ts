import { describe, expect, it } from "vitest";
import { SseParser } from "./sse-parser";

describe("SseParser", () => {
  it("splits events at blank lines across chunk boundaries, keeps ids and event names, skips comments", () => {
    const p = new SseParser();
    expect(p.push("retry: 2000\n\nid: 7\nevent: log\nda")).toEqual([]);
    expect(
      p.push('ta: {"a":1}\n\n: heartbeat\n\nevent: metrics\r\ndata: x\r\ndata: y\r\n\r\n'),
    ).toEqual([
      { id: "7", event: "log", data: '{"a":1}' },
      { event: "metrics", data: "x\ny" },
    ]);
    expect(p.comments).toBe(1);
  });
});
