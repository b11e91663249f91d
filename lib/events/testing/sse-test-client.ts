/** A client of one SSE stream for integration tests: collects parsed messages until closed. */
import { expect } from "vitest";
import type { JobStreamMessage } from "../job-stream-event";
import { SseParser, type SseMessage } from "../sse-parser";
import { parseStreamMessage, type StreamSchemas } from "../sse-client";

/** A client of one stream: collects parsed messages until aborted. */
export class TestClient {
  readonly messages: SseMessage[] = [];
  readonly abort = new AbortController();
  private readonly parser = new SseParser();
  done: Promise<void> = Promise.resolve();

  async open(open: (request: Request) => Promise<Response>, lastEventId?: string): Promise<this> {
    const request = new Request("http://localhost/stream", {
      signal: this.abort.signal,
      headers: lastEventId ? { "last-event-id": lastEventId } : {},
    });
    const res = await open(request);
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    this.done = (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          this.messages.push(...this.parser.push(decoder.decode(value, { stream: true })));
        }
      } catch {
        // aborted
      }
    })();
    return this;
  }

  parsed<T = JobStreamMessage>(): T[] {
    return this.messages.map((m) => JSON.parse(m.data) as T);
  }

  /** The events of the messages the browser's reader would drop (lib/events/sse-client.ts). */
  droppedBy(schemas: StreamSchemas): string[] {
    return this.messages.flatMap((m) => (parseStreamMessage(schemas, m) ? [] : [m.event]));
  }

  logs(): string[] {
    return this.parsed().flatMap((m) => (m.kind === "log" ? [m.message] : []));
  }

  lastId(): string | undefined {
    return this.messages.filter((m) => m.id).at(-1)?.id;
  }

  close() {
    this.abort.abort();
  }
}
