/**
 * Stores a batch of a job's log lines (from the runtime's onLog, buffered by the worker), masking
 * secrets on the way in, and notifies the live streams with the batch's id range.
 *
 * Ids come from a sequence shared with the job's events, and streams send each id once, in order
 * (open-job-stream.ts drops what is not above the last id sent; a replay reads above it). So ids
 * must become visible in the order they were taken: the batch first locks the job's row,
 * as every lifecycle change does (lock-job.ts), and takes its ids under that lock — two workers
 * writing one job's log, or a worker and the lifecycle, then commit one after the other.
 */
import { prisma } from "@/lib/db/prisma";
import { notifyJobStream } from "@/lib/events/notify";
import { redactText } from "@/lib/logging/redact";
import type { LogLevel } from "@/lib/runtime/job-runtime";

export interface LogLine {
  level: LogLevel;
  message: string;
  instance: number | null;
  at: Date;
}

/** Lines longer than this are cut: one runaway stack trace must not fill the table. */
export const MAX_LOG_MESSAGE_CHARS = 16_384;

export async function appendJobLogs(jobId: string, lines: LogLine[]): Promise<void> {
  if (lines.length === 0) return;
  await prisma().$transaction(async (tx) => {
    // NO KEY UPDATE: waits for lifecycle changes and other appends of this job, not for inserts
    // that only reference the row (metrics).
    const locked = await tx.$queryRaw<Array<{ id: string }>>`
      SELECT id FROM "Job" WHERE id = ${jobId}::uuid FOR NO KEY UPDATE`;
    if (locked.length === 0) return; // the job was deleted: its lines have nowhere to go
    const rows = await tx.jobLog.createManyAndReturn({
      data: lines.map((l) => ({
        jobId,
        level: l.level,
        instance: l.instance,
        message: truncate(redactText(l.message)),
        createdAt: l.at,
      })),
      select: { id: true },
    });
    const ids = rows.map((r) => r.id).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    await notifyJobStream(tx, {
      k: "l",
      d: jobId,
      from: ids[0].toString(),
      to: ids[ids.length - 1].toString(),
    });
  });
}

function truncate(message: string): string {
  return message.length <= MAX_LOG_MESSAGE_CHARS
    ? message
    : `${message.slice(0, MAX_LOG_MESSAGE_CHARS)}… (${message.length - MAX_LOG_MESSAGE_CHARS} more characters)`;
}
