/**
 * A server-sent-events response: the headers proxies need to pass events through unbuffered,
 * a comment heartbeat every 15 s (keeps idle proxies and load balancers from closing it), and one
 * cleanup when the client leaves — whether the request is aborted or the stream is cancelled.
 */
import { parseInt8Header } from "@/lib/api/input";
import {
  sseEventId,
  sseEventName,
  type JobListStreamMessage,
  type JobStreamMessage,
} from "./job-stream-event";

export const HEARTBEAT_MS = 15_000;

export interface SseSink {
  send(message: JobStreamMessage | JobListStreamMessage): void;
  /** Any other stream's event (e.g. a topic's live tail): a name, JSON data and an optional id. */
  sendEvent(event: string, data: unknown, id?: string): void;
  /** True once the client has gone. */
  readonly closed: boolean;
}

export function formatSse(message: JobStreamMessage | JobListStreamMessage): string {
  const id = sseEventId(message);
  return `${id ? `id: ${id}\n` : ""}event: ${sseEventName(message)}\ndata: ${JSON.stringify(message)}\n\n`;
}

/**
 * `start` subscribes and returns its cleanup; it runs before the response is returned, so a
 * subscription failure is still an ordinary error response.
 */
export async function sseResponse(
  request: Request,
  start: (sink: SseSink) => Promise<() => void>,
  heartbeatMs = HEARTBEAT_MS,
): Promise<Response> {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  const early: string[] = [];
  let closed = false;
  let cleanup: (() => void) | undefined;
  let heartbeat: NodeJS.Timeout | undefined;

  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    request.signal.removeEventListener("abort", close);
    cleanup?.();
    try {
      controller?.close();
    } catch {
      // already closed by the client
    }
  };
  const write = (text: string) => {
    if (closed) return;
    if (!controller) {
      early.push(text);
      return;
    }
    try {
      controller.enqueue(encoder.encode(text));
    } catch {
      close();
    }
  };
  const sink: SseSink = {
    send: (m) => write(formatSse(m)),
    sendEvent: (event, data, id) =>
      write(`${id ? `id: ${id}\n` : ""}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
    get closed() {
      return closed;
    },
  };

  if (request.signal.aborted) throw new Error("The client left before the stream started.");
  request.signal.addEventListener("abort", close);
  try {
    cleanup = await start(sink);
  } catch (e) {
    request.signal.removeEventListener("abort", close);
    closed = true;
    throw e;
  }
  if (closed) cleanup();

  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
      // Tell EventSource-style clients how long to wait before reconnecting.
      c.enqueue(encoder.encode("retry: 2000\n\n"));
      for (const text of early.splice(0)) c.enqueue(encoder.encode(text));
      heartbeat = setInterval(() => write(": heartbeat\n\n"), heartbeatMs);
    },
    cancel() {
      close();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
      connection: "keep-alive",
    },
  });
}

/** The id to replay after: the Last-Event-ID header (or ?lastEventId= for clients that cannot set it). */
/** Last-Event-ID (header, or `lastEventId` in the query); 400 naming it when it is not an id. */
export function lastEventIdOf(request: Request): bigint | undefined {
  const header = request.headers.get("last-event-id");
  if (header !== null) return parseInt8Header(header, "Last-Event-ID");
  return parseInt8Header(new URL(request.url).searchParams.get("lastEventId"), "lastEventId");
}
