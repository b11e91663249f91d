import { describe, expect, it } from "vitest";
import { SseParser } from "./sse-parser";
import { sseResponse } from "./sse-response";

async function readFor(res: Response, ms: number): Promise<string> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const next = await Promise.race([
      reader.read(),
      new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now())),
    ]);
    if (!next || next.done) break;
    text += decoder.decode(next.value);
  }
  reader.releaseLock();
  return text;
}

describe("sseResponse", () => {
  it("sets the headers proxies need, sends ids, heartbeats with comments, and cleans up once on abort", async () => {
    const abort = new AbortController();
    let cleanups = 0;
    const res = await sseResponse(
      new Request("http://localhost/api/events", { signal: abort.signal }),
      async (sink) => {
        sink.send({
          kind: "job",
          id: "42",
          job: {
            id: "j",
            name: "n",
            status: "RUNNING",
            desiredState: "RUNNING",
            parallelism: 1,
            createdAt: "",
            updatedAt: "",
          },
        });
        return () => cleanups++;
      },
      30,
    );
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-cache, no-transform");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    const parser = new SseParser();
    const messages = parser.push(await readFor(res, 120));
    expect(messages).toEqual([
      { id: "42", event: "job", data: expect.stringContaining('"kind":"job"') },
    ]);
    expect(parser.comments).toBeGreaterThanOrEqual(2);
    abort.abort();
    abort.abort();
    expect(cleanups).toBe(1);
  });

  it("cleans up when the reader cancels the stream", async () => {
    let cleanups = 0;
    const res = await sseResponse(
      new Request("http://localhost/x"),
      async () => () => cleanups++,
      1000,
    );
    await res.body!.cancel();
    expect(cleanups).toBe(1);
  });
});
