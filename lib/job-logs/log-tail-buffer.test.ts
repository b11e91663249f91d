import { describe, expect, it } from "vitest";
import { LogTailBuffer } from "./log-tail-buffer";

const line = (id: number) => ({ id: String(id), message: `line ${id}` });

describe("LogTailBuffer", () => {
  it("keeps lines delivered before anyone reads them, and merges them in id order", () => {
    const buffer = new LogTailBuffer<ReturnType<typeof line>>(100);
    for (const id of [3, 1, 2]) buffer.push(line(id));
    expect(buffer.waiting).toBe(3);
    expect(buffer.merge([]).map((l) => l.id)).toEqual(["1", "2", "3"]);
    expect(buffer.waiting).toBe(0);
  });

  it("drops a line delivered twice (replay and live)", () => {
    const buffer = new LogTailBuffer<ReturnType<typeof line>>(100);
    buffer.push(line(1));
    const kept = buffer.merge([]);
    buffer.push(line(1));
    buffer.push(line(2));
    expect(buffer.merge(kept).map((l) => l.id)).toEqual(["1", "2"]);
  });

  it("stays capped: kept lines, waiting lines and remembered ids", () => {
    const buffer = new LogTailBuffer<ReturnType<typeof line>>(10);
    let kept: ReturnType<typeof line>[] = [];
    for (let id = 0; id < 1_000; id++) {
      buffer.push(line(id));
      if (id % 7 === 0) kept = buffer.merge(kept);
    }
    kept = buffer.merge(kept);
    expect(kept.map((l) => l.id)).toEqual(Array.from({ length: 10 }, (_, i) => String(990 + i)));
    expect(buffer.remembered).toBe(10);
    // Undrained, the waiting lines stay bounded too.
    const idle = new LogTailBuffer<ReturnType<typeof line>>(10);
    for (let id = 0; id < 1_000; id++) idle.push(line(id));
    expect(idle.waiting).toBeLessThanOrEqual(20);
    expect(idle.remembered).toBeLessThanOrEqual(20);
    expect(
      idle
        .merge([])
        .map((l) => l.id)
        .at(-1),
    ).toBe("999");
  });
});
