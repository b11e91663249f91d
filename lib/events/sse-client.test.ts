import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiClientError } from "@/lib/api/client";
import { problem } from "@/lib/api/problem";
import { tailStreamSchemas } from "@/lib/topics/schemas";
import { formatSse } from "./sse-response";
import { SseParser } from "./sse-parser";
import { jobListStreamSchemas, jobStreamSchemas } from "./schemas";
import { consumeStream, parseStreamMessage, readStream, type StreamEvent } from "./sse-client";
import type { JobStreamMessage } from "./job-stream-event";

const JOB = {
  id: "0d9f4c52-6a54-4a34-8f3e-1c7e2f1f9e10",
  name: "orders",
  status: "RUNNING" as const,
  desiredState: "RUNNING" as const,
  parallelism: 2,
  createdAt: "2026-12-04T21:00:00.000Z",
  updatedAt: "2026-12-04T21:00:01.000Z",
};
const STATUS: JobStreamMessage = {
  kind: "event",
  id: "41",
  jobId: JOB.id,
  at: "2026-12-04T21:00:01.000Z",
  type: "status",
  payload: {
    status: "RUNNING",
    previous: "STARTING",
    desiredState: "RUNNING",
    attemptNumber: 1,
  },
};
const LOG: JobStreamMessage = {
  kind: "log",
  id: "42",
  jobId: JOB.id,
  at: "2026-12-04T21:00:02.000Z",
  level: "INFO",
  instance: 0,
  message: "started",
};

let warn: ReturnType<typeof vi.spyOn>;
afterEach(() => {
  warn?.mockRestore();
  vi.unstubAllGlobals();
});
const spyWarn = () => (warn = vi.spyOn(console, "warn").mockImplementation(() => undefined));

/** A text/event-stream body made of these chunks. */
function streamOf(...chunks: string[]): Response {
  const encoder = new TextEncoder();
  return new Response(
    new ReadableStream<Uint8Array>({
      start(c) {
        for (const chunk of chunks) c.enqueue(encoder.encode(chunk));
        c.close();
      },
    }),
    { headers: { "content-type": "text/event-stream" } },
  );
}

describe("stream messages parsed with their schema", () => {
  it("parses a valid message of each job stream event the server formats", () => {
    spyWarn();
    const metrics: JobStreamMessage = {
      kind: "metrics",
      jobId: JOB.id,
      at: "2026-12-04T21:00:03.000Z",
      instances: [
        {
          instance: 0,
          numRecordsIn: 10,
          numRecordsOut: 10,
          numBytesIn: 100,
          numBytesOut: 120,
          numRecordsOutErrors: 0,
          numRecordsInErrors: 0,
          currentSendTime: 2,
          lagByPartition: { "orders-0": 3 },
          assignedPartitions: ["orders-0"],
          numRecordsInPerSecond: 10,
          numRecordsOutPerSecond: 10,
          numBytesInPerSecond: 100,
          numBytesOutPerSecond: 120,
        },
      ],
    };
    for (const message of [STATUS, LOG, metrics, { kind: "snapshot", job: JOB } as const]) {
      // The server's own framing, read back as the browser reads it.
      const [sse] = new SseParser().push(formatSse(message));
      expect(parseStreamMessage(jobStreamSchemas, sse)).toEqual({
        event: sse.event,
        data: message,
      });
    }
    expect(warn).not.toHaveBeenCalled();
  });

  it("drops a message whose data is not JSON, with a warning", () => {
    spyWarn();
    expect(
      parseStreamMessage(jobStreamSchemas, { event: "log", data: "{not json" }),
    ).toBeUndefined();
    expect(warn).toHaveBeenCalledWith("Dropped a 'log' stream message: its data is not JSON.");
  });

  it("drops a message that does not match its event's schema, saying where", () => {
    spyWarn();
    const bad = { ...STATUS, payload: { ...STATUS.payload, status: "SLEEPING" } };
    expect(
      parseStreamMessage(jobStreamSchemas, { event: "status", data: JSON.stringify(bad) }),
    ).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(
      /^Dropped a 'status' stream message that does not match its schema \('payload\.status': .+\)\.$/,
    );
    // A log line's data under the status event name is no status event either.
    expect(
      parseStreamMessage(jobStreamSchemas, { event: "status", data: JSON.stringify(LOG) }),
    ).toBeUndefined();
  });

  it("drops a message of an event type the stream does not have", () => {
    spyWarn();
    for (const event of ["bogus", "job", "toString", "__proto__"]) {
      expect(
        parseStreamMessage(jobStreamSchemas, { event, data: JSON.stringify(LOG) }),
      ).toBeUndefined();
    }
    expect(warn).toHaveBeenCalledWith("Dropped a stream message of unknown type 'bogus'.");
    // `job` belongs to the job list's stream, not a job's.
    expect(warn).toHaveBeenCalledWith("Dropped a stream message of unknown type 'job'.");
    expect(
      parseStreamMessage(jobListStreamSchemas, {
        event: "job",
        id: JOB.id,
        data: JSON.stringify({ kind: "job", id: JOB.id, job: JOB }),
      }),
    ).toEqual({ event: "job", data: { kind: "job", id: JOB.id, job: JOB } });
  });
});

describe("readStream and consumeStream", () => {
  it("hands on only the valid messages of a stream, across chunk boundaries", async () => {
    spyWarn();
    const calls: RequestInit[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (_url: string, init: RequestInit) => {
        calls.push(init);
        const text =
          "retry: 2000\n\n" +
          formatSse(STATUS) +
          "event: log\ndata: {broken\n\n" +
          ": heartbeat\n\n" +
          'event: surprise\ndata: {"kind":"surprise"}\n\n' +
          formatSse(LOG);
        return streamOf(text.slice(0, 50), text.slice(50, 51), text.slice(51));
      }),
    );
    const events: Array<StreamEvent<typeof jobStreamSchemas>> = [];
    const ids: string[] = [];
    await readStream("/api/jobs/x/events", {
      signal: new AbortController().signal,
      schemas: jobStreamSchemas,
      lastEventId: "40",
      onEvent: (e) => events.push(e),
      onEventId: (id) => ids.push(id),
    });
    expect(events).toEqual([
      { event: "status", data: STATUS },
      { event: "log", data: LOG },
    ]);
    expect(ids).toEqual(["41", "42"]);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(calls[0].headers).toEqual({ accept: "text/event-stream", "last-event-id": "40" });
  });

  it("tells the tail's events apart by name, each parsed with its own schema", async () => {
    spyWarn();
    const record = {
      partition: 0,
      offset: 5,
      timestamp: 1,
      key: { raw: null },
      value: { raw: { text: "a", hex: "61", size: 1, truncated: false }, decoded: "a" },
      headers: [],
    };
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        streamOf(
          'id: 0:5\nevent: ready\ndata: {"topic":"t","positions":{"0":5}}\n\n' +
            `id: 0:6\nevent: records\ndata: ${JSON.stringify({ partition: 0, records: [record], dropped: 0, highWatermark: 6 })}\n\n` +
            'event: records\ndata: {"partition":0,"records":[{"offset":"x"}],"dropped":0,"highWatermark":6}\n\n' +
            'event: error\ndata: {"message":"The broker went away."}\n\n',
        ),
      ),
    );
    const seen: string[] = [];
    await readStream("/api/topics/t/tail", {
      signal: new AbortController().signal,
      schemas: tailStreamSchemas,
      onEvent: (e) => {
        if (e.event === "records") seen.push(`records ${e.data.records.map((r) => r.offset)}`);
        else if (e.event === "error") seen.push(`error ${e.data.message}`);
        else seen.push(`ready ${e.data.topic}`);
      },
    });
    expect(seen).toEqual(["ready t", "records 5", "error The broker went away."]);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it("rejects with the server's problem when the stream is refused", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        Response.json(problem(400, "Invalid query parameter 'q.partition': too small"), {
          status: 400,
        }),
      ),
    );
    const error = await readStream("/api/topics/t/tail", {
      signal: new AbortController().signal,
      schemas: tailStreamSchemas,
      onEvent: () => undefined,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiClientError);
    expect(error).toMatchObject({
      status: 400,
      message: "Invalid query parameter 'q.partition': too small",
    });
  });

  it("reconnects after a dropped stream, sending the last id it saw", async () => {
    const lastIds: Array<string | undefined> = [];
    const controller = new AbortController();
    const got: unknown[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (_url: string, init: RequestInit) => {
        lastIds.push((init.headers as Record<string, string>)["last-event-id"]);
        if (lastIds.length === 1) return streamOf(formatSse(STATUS));
        if (lastIds.length === 2) throw new TypeError("Failed to fetch");
        return streamOf(formatSse(LOG));
      }),
    );
    const connections: boolean[] = [];
    await consumeStream("/api/jobs/x/events", {
      signal: controller.signal,
      schemas: jobStreamSchemas,
      reconnectMs: 1,
      onConnection: (c) => connections.push(c),
      onMessage: (m) => {
        got.push(m);
        if (got.length === 2) controller.abort();
      },
    });
    expect(got).toEqual([STATUS, LOG]);
    expect(lastIds).toEqual([undefined, "41", "41"]);
    expect(connections.slice(0, 3)).toEqual([true, false, false]);
  });
});
