/**
 * A job's log, newest first, in pages: the cursor is the id of the last line of the previous page
 * (ids are monotonic), so pages stay stable while new lines arrive. Filters: minimum level,
 * instance, and text (case-insensitive substring).
 */
import { prisma } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { LogLevel } from "@/lib/runtime/job-runtime";

export const LOG_LEVELS: readonly LogLevel[] = ["DEBUG", "INFO", "WARN", "ERROR"];

export interface LogQuery {
  jobId: string;
  /** Lines with ids below this (the previous page's nextCursor). */
  before?: string;
  /** Only lines with ids above this (to poll forward). */
  after?: string;
  minLevel?: LogLevel;
  instance?: number;
  text?: string;
  limit?: number;
}

export interface LogPage {
  lines: Array<{
    id: string;
    at: string;
    level: LogLevel;
    instance: number | null;
    message: string;
  }>;
  /** Pass as `before` for the next (older) page; absent on the last page. */
  nextCursor?: string;
}

export async function queryJobLogs(q: LogQuery): Promise<LogPage> {
  const limit = Math.min(Math.max(q.limit ?? 200, 1), 1000);
  const where: Prisma.JobLogWhereInput = {
    jobId: q.jobId,
    ...(q.before || q.after
      ? {
          id: {
            ...(q.before ? { lt: BigInt(q.before) } : {}),
            ...(q.after ? { gt: BigInt(q.after) } : {}),
          },
        }
      : {}),
    ...(q.minLevel
      ? { level: { in: LOG_LEVELS.slice(LOG_LEVELS.indexOf(q.minLevel)) as LogLevel[] } }
      : {}),
    ...(q.instance !== undefined ? { instance: q.instance } : {}),
    ...(q.text ? { message: { contains: q.text, mode: "insensitive" as const } } : {}),
  };
  const rows = await prisma().jobLog.findMany({ where, orderBy: { id: "desc" }, take: limit + 1 });
  const page = rows.slice(0, limit);
  return {
    lines: page.map((r) => ({
      id: r.id.toString(),
      at: r.createdAt.toISOString(),
      level: r.level as LogLevel,
      instance: r.instance,
      message: r.message,
    })),
    ...(rows.length > limit ? { nextCursor: page[page.length - 1].id.toString() } : {}),
  };
}
