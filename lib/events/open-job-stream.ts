/**
 * GET /api/jobs/:id/events: a snapshot of the job, then what was missed since Last-Event-ID (or
 * the latest lines when there is none), then live status changes, metrics and log lines.
 * The subscription is made before the replay is read, and live messages at or below the last
 * replayed id are dropped, so the switch from replay to live neither loses nor repeats an id.
 */
import { NotFound } from "@/lib/domain-errors";
import { prisma } from "@/lib/db/prisma";
import { logger } from "@/lib/logging/logger";
import { toJobSummary } from "@/lib/jobs/list-jobs";
import type { JobStreamMessage } from "./job-stream-event";
import { jobStreamHub, type JobStreamHub } from "./job-stream-hub";
import { lastEventIdOf, sseResponse, type SseSink } from "./sse-response";
import { eventMessage, logMessage, metricsMessage } from "./stream-messages";

/** Most messages replayed on connect; a client further behind gets the newest ones. */
export const MAX_REPLAY = 5_000;
/** Without Last-Event-ID: this many of the latest events and lines, to fill the page's tail. */
export const INITIAL_REPLAY = 500;

export async function openJobStream(
  request: Request,
  jobId: string,
  hub: JobStreamHub = jobStreamHub(),
): Promise<Response> {
  const job = await prisma().job.findUnique({ where: { id: jobId } });
  if (!job) throw new NotFound(`Job ${jobId} was not found.`);
  const lastEventId = lastEventIdOf(request);

  return sseResponse(request, async (sink) => {
    let lastSent = lastEventId ?? -1n;
    let replaying = true;
    const buffered: JobStreamMessage[] = [];
    const send = (m: JobStreamMessage) => {
      if ("id" in m && typeof m.id === "string") {
        const id = BigInt(m.id);
        if (id <= lastSent) return;
        lastSent = id;
      }
      sink.send(m);
    };
    // Live messages wait while a replay runs (or keeps failing: the database is down) — at most
    // MAX_REPLAY of them, the newest; a dropped one with an id is read again by the replay, which
    // reads everything above the last id sent.
    let dropped = 0;
    const deliver = (m: JobStreamMessage) => {
      if (!replaying) return send(m);
      if (buffered.length >= MAX_REPLAY) {
        buffered.shift();
        if (dropped++ === 0)
          logger.warn("job stream: live messages dropped while its replay waits", {
            jobId,
            kept: MAX_REPLAY,
          });
      }
      buffered.push(m);
    };
    // The replayed (older) messages go out before the live ones that arrived meanwhile; sending a
    // newer live id first would make every replayed id look already sent.
    const replay = async (after: bigint | undefined) => {
      replaying = true;
      // On failure (the database is still coming back) live messages stay buffered: the hub tries again.
      for (const m of await missedMessages(jobId, after)) send(m);
      for (const m of buffered.splice(0)) send(m);
      replaying = false;
      if (dropped > 0) {
        logger.info(
          "job stream: replay done after dropping live messages (read again from the database)",
          {
            jobId,
            dropped,
          },
        );
        dropped = 0;
      }
    };
    const unsubscribe = await hub.subscribeJob(jobId, {
      deliver,
      resync: () => replay(lastSent >= 0n ? lastSent : undefined),
    });
    try {
      const current = await prisma().job.findUniqueOrThrow({ where: { id: jobId } });
      sink.send({ kind: "snapshot", job: toJobSummary(current) });
      await replayInto(sink, () => replay(lastEventId));
      const metrics = await metricsMessage(jobId);
      if (metrics) sink.send(metrics);
    } catch (e) {
      unsubscribe();
      throw e;
    }
    return unsubscribe;
  });
}

async function replayInto(sink: SseSink, replay: () => Promise<void>): Promise<void> {
  if (!sink.closed) await replay();
}

export async function missedMessages(
  jobId: string,
  after: bigint | undefined,
): Promise<JobStreamMessage[]> {
  const db = prisma();
  const take = after === undefined ? INITIAL_REPLAY : MAX_REPLAY;
  const idFilter = after === undefined ? {} : { id: { gt: after } };
  // The newest `take` of each table; merged and cut to the newest `take` overall, oldest first.
  const [events, logs] = await Promise.all([
    db.jobEvent.findMany({ where: { jobId, ...idFilter }, orderBy: { id: "desc" }, take }),
    db.jobLog.findMany({ where: { jobId, ...idFilter }, orderBy: { id: "desc" }, take }),
  ]);
  const messages: JobStreamMessage[] = [...events.map(eventMessage), ...logs.map(logMessage)];
  messages.sort((a, b) => {
    const x = BigInt((a as { id: string }).id);
    const y = BigInt((b as { id: string }).id);
    return x < y ? -1 : x > y ? 1 : 0;
  });
  return messages.slice(-take);
}
