/**
 * What writers tell the console processes through PostgreSQL NOTIFY: a reference to the rows that
 * changed, never the rows themselves (NOTIFY payloads are capped at 8000 bytes, and one fetch per
 * notification per console process serves every subscriber of that process).
 * Sent inside the writing transaction, so a notification is delivered only after its rows commit.
 */
import type { Prisma } from "@/lib/generated/prisma/client";

export const JOB_STREAM_CHANNEL = "tributary_job_stream";

export type JobNotification =
  /** A JobEvent row. */
  | { k: "e"; d: string; id: string }
  /** JobLog rows with ids in [from, to]. */
  | { k: "l"; d: string; from: string; to: string }
  /** New metrics of a job: read the instances' lastMetrics. */
  | { k: "m"; d: string };

export function encodeNotification(n: JobNotification): string {
  return JSON.stringify(n);
}

export function decodeNotification(payload: string): JobNotification | undefined {
  try {
    const n = JSON.parse(payload) as JobNotification;
    if (typeof n !== "object" || n === null || typeof n.d !== "string") return undefined;
    if (n.k === "e" && typeof n.id === "string") return n;
    if (n.k === "l" && typeof n.from === "string" && typeof n.to === "string") return n;
    if (n.k === "m") return n;
    return undefined;
  } catch {
    return undefined;
  }
}

type Db = Pick<Prisma.TransactionClient, "$executeRaw">;

export async function notifyJobStream(db: Db, n: JobNotification): Promise<void> {
  await db.$executeRaw`SELECT pg_notify(${JOB_STREAM_CHANNEL}, ${encodeNotification(n)})`;
}
