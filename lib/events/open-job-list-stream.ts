/**
 * GET /api/events: the job list, live. A snapshot of every job first; after a reconnect with
 * Last-Event-ID only the jobs whose status changed since, then each change as it happens.
 */
import { prisma } from "@/lib/db/prisma";
import { listJobs, toJobSummary } from "@/lib/jobs/list-jobs";
import type { JobListMessage } from "./job-stream-event";
import { jobStreamHub, type JobStreamHub } from "./job-stream-hub";
import { lastEventIdOf, sseResponse } from "./sse-response";

export async function openJobListStream(
  request: Request,
  hub: JobStreamHub = jobStreamHub(),
): Promise<Response> {
  const lastEventId = lastEventIdOf(request);
  return sseResponse(request, async (sink) => {
    let lastSent = lastEventId ?? -1n;
    let replaying = true;
    const buffered: JobListMessage[] = [];
    const deliver = (m: JobListMessage) => {
      if (replaying) {
        buffered.push(m);
        return;
      }
      const id = BigInt(m.id);
      if (id <= lastSent) return;
      lastSent = id;
      sink.send(m);
    };
    const catchUp = async (after: bigint) => {
      replaying = true;
      // On failure (the database is still coming back) live changes stay buffered: the hub tries again.
      for (const m of await changedSince(after)) deliver(m);
      replaying = false;
      for (const m of buffered.splice(0)) deliver(m);
    };
    const unsubscribe = await hub.subscribeList({
      deliver,
      resync: () => catchUp(lastSent),
    });
    try {
      if (lastEventId === undefined) {
        // The newest id first: a change committed while the list is read is then delivered live.
        const newest = await prisma().jobEvent.aggregate({
          where: { type: "status" },
          _max: { id: true },
        });
        const { jobs } = await listJobs();
        sink.send({ kind: "snapshot", jobs });
        lastSent = newest._max.id ?? 0n;
        replaying = false;
        for (const m of buffered.splice(0)) deliver(m);
      } else {
        await catchUp(lastEventId);
      }
    } catch (e) {
      unsubscribe();
      throw e;
    }
    return unsubscribe;
  });
}

async function changedSince(after: bigint): Promise<JobListMessage[]> {
  const latest = await prisma().jobEvent.groupBy({
    by: ["jobId"],
    where: { type: "status", id: { gt: after } },
    _max: { id: true },
  });
  if (latest.length === 0) return [];
  const jobs = await prisma().job.findMany({
    where: { id: { in: latest.map((l) => l.jobId) } },
  });
  const byId = new Map(jobs.map((d) => [d.id, d]));
  return latest
    .filter((l) => byId.has(l.jobId))
    .map((l) => ({
      kind: "job" as const,
      id: l._max.id!.toString(),
      job: toJobSummary(byId.get(l.jobId)!),
    }))
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
}
