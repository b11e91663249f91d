/**
 * The console's reader of server-sent event streams (a job's events, the job list's, a topic's
 * live tail): fetch with an AbortController (unlike an event source, it stops the moment a page
 * unmounts), Last-Event-ID on reconnect so the server replays what was missed, and a reconnect
 * after a pause when the connection drops. Every message is parsed with the Zod schema of its
 * SSE event name (lib/events/schemas.ts, lib/topics/schemas.ts — the ones the server's sender is
 * typed by); one of an unknown name, not JSON, or not matching its schema is dropped with a
 * console warning, never cast. Browser-safe.
 */
import type { z, ZodType } from "zod";
import { openApiStream } from "@/lib/api/client";
import { SseParser, type SseMessage } from "./sse-parser";

/** A stream's messages by SSE event name. */
export type StreamSchemas = Record<string, ZodType>;
export type StreamMessage<S extends StreamSchemas> = { [K in keyof S]: z.output<S[K]> }[keyof S];
/** A message with its event name, which tells its type apart (`if (e.event === "error")`). */
export type StreamEvent<S extends StreamSchemas> = {
  [K in keyof S]: { event: K; data: z.output<S[K]> };
}[keyof S];

/** The message as its schema parses it, or undefined (with a warning) when it is not one. */
export function parseStreamMessage<S extends StreamSchemas>(
  schemas: S,
  message: SseMessage,
): StreamEvent<S> | undefined {
  const schema = Object.prototype.hasOwnProperty.call(schemas, message.event)
    ? schemas[message.event]
    : undefined;
  if (!schema) {
    console.warn(`Dropped a stream message of unknown type '${message.event}'.`);
    return undefined;
  }
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    console.warn(`Dropped a '${message.event}' stream message: its data is not JSON.`);
    return undefined;
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length > 0 ? `'${issue.path.join(".")}'` : "the message";
    console.warn(
      `Dropped a '${message.event}' stream message that does not match its schema (${where}: ${issue.message}).`,
    );
    return undefined;
  }
  return { event: message.event, data: parsed.data } as StreamEvent<S>;
}

export interface ReadStreamOptions<S extends StreamSchemas> {
  signal: AbortSignal;
  schemas: S;
  onEvent(event: StreamEvent<S>): void;
  /** Sent as Last-Event-ID: the server goes on after it. */
  lastEventId?: string;
  /** The stream answered and is open. */
  onOpen?(): void;
  /** Each message's id as it arrives (what a reconnect sends back). */
  onEventId?(id: string): void;
}

/**
 * One connection: reads until the server ends the stream (resolves) or it breaks (rejects); an
 * error answer rejects with the API client's ApiClientError and the server's message.
 */
export async function readStream<S extends StreamSchemas>(
  url: string,
  opts: ReadStreamOptions<S>,
): Promise<void> {
  const body = await openApiStream(url, { signal: opts.signal, lastEventId: opts.lastEventId });
  opts.onOpen?.();
  const parser = new SseParser();
  const reader = body.getReader();
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    for (const m of parser.push(decoder.decode(value, { stream: true }))) {
      if (m.id) opts.onEventId?.(m.id);
      const event = parseStreamMessage(opts.schemas, m);
      if (event !== undefined) opts.onEvent(event);
    }
  }
}

export interface StreamOptions<S extends StreamSchemas> {
  signal: AbortSignal;
  schemas: S;
  onMessage(message: StreamMessage<S>): void;
  /** Connected (true) or waiting to reconnect (false). */
  onConnection?(connected: boolean): void;
  reconnectMs?: number;
}

/** Reads the stream for as long as `signal` lets it, reconnecting with Last-Event-ID. */
export async function consumeStream<S extends StreamSchemas>(
  url: string,
  opts: StreamOptions<S>,
): Promise<void> {
  let lastEventId: string | undefined;
  while (!opts.signal.aborted) {
    try {
      await readStream(url, {
        signal: opts.signal,
        schemas: opts.schemas,
        onEvent: (e) => opts.onMessage(e.data),
        lastEventId,
        onOpen: () => opts.onConnection?.(true),
        onEventId: (id) => (lastEventId = id),
      });
    } catch {
      if (opts.signal.aborted) return;
    }
    opts.onConnection?.(false);
    await new Promise((r) => setTimeout(r, opts.reconnectMs ?? 2_000));
  }
}
