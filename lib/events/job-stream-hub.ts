/**
 * The console process's one LISTEN connection, shared by every SSE subscriber of the process:
 * it is opened with the first subscriber and closed with the last. A notification names rows;
 * the hub reads them once and hands the messages to every subscriber of that job (and status
 * changes to the job-list subscribers), in notification order. After a lost connection the hub
 * reconnects and asks subscribers to resync (replay from their last id), so nothing is missed.
 */
import pg from "pg";
import { databaseUrl } from "@/lib/config";
import { prisma } from "@/lib/db/prisma";
import { logger } from "@/lib/logging/logger";
import { describeErrorForLog } from "@/lib/logging/describe-error";
import { toJobSummary } from "@/lib/jobs/list-jobs";
import type {
  JobEventMessage,
  JobListMessage,
  JobLogMessage,
  JobMetricsMessage,
  JobStreamMessage,
} from "./job-stream-event";
import { decodeNotification, JOB_STREAM_CHANNEL, type JobNotification } from "./notify";
import { eventMessage, logMessage, metricsMessage } from "./stream-messages";

export interface JobSubscriber {
  deliver(message: JobStreamMessage): void;
  /** The connection was lost and is back: replay from the last id delivered (retried until it resolves). */
  resync(): Promise<void>;
}

export interface ListSubscriber {
  deliver(message: JobListMessage): void;
  resync(): Promise<void>;
}

const RECONNECT_MS = 1_000;
const RESYNC_ATTEMPTS = 30;

export class JobStreamHub {
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private readonly jobSubscribers = new Map<string, Set<JobSubscriber>>();
  private readonly listSubscribers = new Set<ListSubscriber>();
  private queue: Promise<void> = Promise.resolve();
  private reconnectTimer: NodeJS.Timeout | undefined;

  constructor(private readonly connectionString: () => string = databaseUrl) {}

  /** Resolves once the LISTEN is in place, so a subscriber misses nothing committed after it. */
  async subscribeJob(jobId: string, subscriber: JobSubscriber): Promise<() => void> {
    let set = this.jobSubscribers.get(jobId);
    if (!set) this.jobSubscribers.set(jobId, (set = new Set()));
    set.add(subscriber);
    const unsubscribe = () => {
      const current = this.jobSubscribers.get(jobId);
      if (!current?.delete(subscriber)) return;
      if (current.size === 0) this.jobSubscribers.delete(jobId);
      this.releaseIfIdle();
    };
    try {
      await this.ensureListening();
    } catch (e) {
      unsubscribe();
      throw e;
    }
    return unsubscribe;
  }

  async subscribeList(subscriber: ListSubscriber): Promise<() => void> {
    this.listSubscribers.add(subscriber);
    const unsubscribe = () => {
      if (this.listSubscribers.delete(subscriber)) this.releaseIfIdle();
    };
    try {
      await this.ensureListening();
    } catch (e) {
      unsubscribe();
      throw e;
    }
    return unsubscribe;
  }

  stats(): { listening: boolean; jobSubscribers: number; listSubscribers: number } {
    let jobSubscribers = 0;
    for (const set of this.jobSubscribers.values()) jobSubscribers += set.size;
    return {
      listening: this.client !== undefined,
      jobSubscribers,
      listSubscribers: this.listSubscribers.size,
    };
  }

  private subscriberCount(): number {
    return this.jobSubscribers.size + this.listSubscribers.size;
  }

  private ensureListening(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.connectionString(),
      application_name: "tributary-job-stream",
    });
    client.on("notification", (n) => {
      if (n.channel !== JOB_STREAM_CHANNEL || !n.payload) return;
      const notification = decodeNotification(n.payload);
      if (notification) this.enqueue(notification);
    });
    client.on("error", (e) => this.lost(client, e));
    client.on("end", () => this.lost(client, new Error("connection ended")));
    try {
      await client.connect();
      await client.query(`LISTEN ${JOB_STREAM_CHANNEL}`);
    } catch (e) {
      client.removeAllListeners();
      client.on("error", () => undefined);
      void client.end().catch(() => undefined);
      throw e;
    }
    this.client = client;
    if (this.subscriberCount() === 0) this.releaseIfIdle();
  }

  private lost(client: pg.Client, e: Error): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.removeAllListeners("notification");
    void client.end().catch(() => undefined);
    if (this.subscriberCount() === 0) return;
    logger.warn("job stream LISTEN connection lost; reconnecting", {
      error: describeErrorForLog(e),
    });
    this.scheduleReconnect();
  }

  /** Tries again every RECONNECT_MS until the database answers (a restart can take a while). */
  private scheduleReconnect(): void {
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => {
      if (this.subscriberCount() === 0) return;
      this.ensureListening().then(
        () => {
          logger.info("job stream LISTEN connection is back");
          for (const set of this.jobSubscribers.values())
            for (const s of set) void this.resync(s, () => set.has(s));
          for (const s of this.listSubscribers)
            void this.resync(s, () => this.listSubscribers.has(s));
        },
        () => this.scheduleReconnect(),
      );
    }, RECONNECT_MS);
  }

  /** A replay can fail while the database's other connections come back: it is tried again. */
  private async resync(s: { resync(): Promise<void> }, subscribed: () => boolean): Promise<void> {
    for (let attempt = 1; subscribed(); attempt++) {
      try {
        return await s.resync();
      } catch (e) {
        if (attempt >= RESYNC_ATTEMPTS) {
          logger.warn("job stream replay after a reconnect failed", {
            error: describeErrorForLog(e),
          });
          return;
        }
        await new Promise((r) => setTimeout(r, RECONNECT_MS));
      }
    }
  }

  private releaseIfIdle(): void {
    if (this.subscriberCount() > 0 || !this.client) return;
    const client = this.client;
    this.client = undefined;
    clearTimeout(this.reconnectTimer);
    client.removeAllListeners();
    client.on("error", () => undefined);
    void client.end().catch(() => undefined);
  }

  private enqueue(n: JobNotification): void {
    this.queue = this.queue
      .then(() => this.dispatch(n))
      .catch((e: unknown) =>
        logger.warn("job stream dispatch failed", { error: describeErrorForLog(e) }),
      );
  }

  private async dispatch(n: JobNotification): Promise<void> {
    const subscribers = this.jobSubscribers.get(n.d);
    const wantsList = n.k === "e" && this.listSubscribers.size > 0;
    if (!subscribers?.size && !wantsList) return;
    const db = prisma();
    if (n.k === "e") {
      const row = await db.jobEvent.findUnique({ where: { id: BigInt(n.id) } });
      if (!row) return;
      const message: JobEventMessage = eventMessage(row);
      for (const s of subscribers ?? []) s.deliver(message);
      if (wantsList && row.type === "status") {
        const d = await db.job.findUnique({ where: { id: n.d } });
        if (d) {
          const listMessage: JobListMessage = {
            kind: "job",
            id: row.id.toString(),
            job: toJobSummary(d),
          };
          for (const s of this.listSubscribers) s.deliver(listMessage);
        }
      }
    } else if (n.k === "l") {
      if (!subscribers?.size) return;
      const rows = await db.jobLog.findMany({
        where: { jobId: n.d, id: { gte: BigInt(n.from), lte: BigInt(n.to) } },
        orderBy: { id: "asc" },
      });
      const messages: JobLogMessage[] = rows.map(logMessage);
      for (const m of messages) for (const s of subscribers) s.deliver(m);
    } else {
      if (!subscribers?.size) return;
      const message: JobMetricsMessage | undefined = await metricsMessage(n.d);
      if (message) for (const s of subscribers) s.deliver(message);
    }
  }
}

const globalForHub = globalThis as unknown as { tributaryJobStreamHub?: JobStreamHub };

/** This process's hub (kept on globalThis so Next.js hot reload does not open a second LISTEN). */
export function jobStreamHub(): JobStreamHub {
  globalForHub.tributaryJobStreamHub ??= new JobStreamHub();
  return globalForHub.tributaryJobStreamHub;
}
