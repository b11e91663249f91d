/**
 * Stores a batch of a job's log lines (from the runtime's onLog, buffered by the worker), masking
 * secrets on the way in, and notifies the live streams with the batch's id range.
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

export async function appendJobLogs(deploymentId: string, lines: LogLine[]): Promise<void> {
  if (lines.length === 0) return;
  await prisma().$transaction(async (tx) => {
    const rows = await tx.jobLog.createManyAndReturn({
      data: lines.map((l) => ({
        deploymentId,
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
      d: deploymentId,
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
