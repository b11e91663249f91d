/**
 * The console's reader of the job streams: fetch with an AbortController (unlike EventSource it
 * stops the moment a page unmounts), Last-Event-ID on reconnect so the server replays what was
 * missed, and a reconnect after a pause when the connection drops. Browser-safe.
 */
import { SseParser } from "./sse-parser";

export interface StreamOptions<T> {
  signal: AbortSignal;
  onMessage(message: T): void;
  /** Connected (true) or waiting to reconnect (false). */
  onConnection?(connected: boolean): void;
  reconnectMs?: number;
}

export async function consumeStream<T>(url: string, opts: StreamOptions<T>): Promise<void> {
  let lastEventId: string | undefined;
  while (!opts.signal.aborted) {
    try {
      const res = await fetch(url, {
        signal: opts.signal,
        cache: "no-store",
        headers: {
          accept: "text/event-stream",
          ...(lastEventId ? { "last-event-id": lastEventId } : {}),
        },
      });
      if (!res.ok || !res.body) throw new Error(`stream answered ${res.status}`);
      opts.onConnection?.(true);
      const parser = new SseParser();
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        for (const m of parser.push(decoder.decode(value, { stream: true }))) {
          if (m.id) lastEventId = m.id;
          opts.onMessage(JSON.parse(m.data) as T);
        }
      }
    } catch {
      if (opts.signal.aborted) return;
    }
    opts.onConnection?.(false);
    await new Promise((r) => setTimeout(r, opts.reconnectMs ?? 2_000));
  }
}
