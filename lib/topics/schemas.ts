/**
 * The topics API's schemas (lib/<domain>/schemas.ts): topic names and the topic settings the
 * console creates topics with, as Kafka checks them (Topic.validate, TopicConfig); the browse,
 * tail and saved-filter inputs; the live tail's stream messages. Browser-safe: the create form
 * validates with the same rules, and the tail's reader parses with them.
 */
import { z } from "zod";
import { decodeSpec } from "./message-decoding";
import { messageFilter } from "./message-filter";
import type { BrowsedRecord } from "./browse-messages";
import type { DecodedPart, RawBytes } from "./message-decoding";

/** Kafka's legal topic names: 1–249 of [a-zA-Z0-9._-], not "." or "..". */
export function topicNameProblem(name: string): string | undefined {
  if (name.length === 0) return "must not be empty";
  if (name === "." || name === "..") return "cannot be '.' or '..'";
  if (name.length > 249) return "must be at most 249 characters";
  if (!/^[a-zA-Z0-9._-]+$/.test(name))
    return "may contain only ASCII letters, digits, '.', '_' and '-'";
  return undefined;
}

export const topicName = z.string().superRefine((name, ctx) => {
  const problem = topicNameProblem(name);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

export const CLEANUP_POLICIES = ["delete", "compact", "compact,delete"] as const;

/** Topic configs checked here before the brokers see them; others go to the brokers as given. */
const CONFIG_RULES: Record<string, (value: string) => string | undefined> = {
  "retention.ms": (v) =>
    /^-?\d+$/.test(v.trim()) && Number(v) >= -1
      ? undefined
      : "must be a number of milliseconds, or -1 for no time limit",
  "retention.bytes": (v) =>
    /^-?\d+$/.test(v.trim()) && Number(v) >= -1 ? undefined : "must be a number of bytes, or -1",
  "cleanup.policy": (v) => {
    const parts = v
      .split(",")
      .map((p) => p.trim())
      .filter((p) => p !== "")
      .sort();
    return parts.length > 0 && parts.every((p) => p === "delete" || p === "compact")
      ? undefined
      : "must be 'delete', 'compact' or 'compact,delete'";
  },
};

export const topicConfigs = z
  .record(
    z.string().min(1),
    z.union([z.string(), z.number()]).transform((v) => String(v)),
  )
  .superRefine((configs, ctx) => {
    for (const [key, value] of Object.entries(configs)) {
      const problem = CONFIG_RULES[key]?.(value);
      if (problem) ctx.addIssue({ code: "custom", path: [key], message: problem });
    }
  });

export const createTopicInput = z.object({
  /** A cluster profile's id or name; the default profile when absent. */
  cluster: z.string().min(1).optional(),
  name: topicName,
  partitions: z.number().int().min(1).max(100_000),
  replicationFactor: z.number().int().min(1).max(32_767).optional(),
  config: topicConfigs.optional(),
});
export type CreateTopicInput = z.output<typeof createTopicInput>;

/** `:name` of the /api/topics/:name routes, and the cluster profile they are on. */
export const topicParams = z.object({ name: z.string().min(1) });
export const clusterQuery = z.object({ cluster: z.string().min(1).optional() });
export const topicFilterParams = z.object({
  name: z.string().min(1),
  filterId: z.string().min(1),
});

export const topicListQuery = z.object({
  cluster: z.string().min(1).optional(),
  search: z.string().optional(),
  internal: z.enum(["true", "false"]).optional(),
});

/** `POST /api/topics/:name/filters`: a filter saved (or replaced, by name) for the topic. */
export const saveFilterInput = z.object({
  name: z.string().trim().min(1).max(100),
  filter: messageFilter,
});

/** A browse (`POST /api/topics/:name/messages` takes it without `topic`: the path names it). */
export const browseInput = z.object({
  cluster: z.string().min(1).optional(),
  topic: z.string().min(1),
  /** A partition, or all of them when absent. */
  partition: z.number().int().min(0).optional(),
  start: z
    .discriminatedUnion("kind", [
      z.object({ kind: z.literal("beginning") }),
      z.object({ kind: z.literal("end") }),
      z.object({ kind: z.literal("offset"), offset: z.number().int().min(0) }),
      z.object({ kind: z.literal("timestamp"), timestamp: z.number().int() }),
    ])
    .default({ kind: "end" }),
  order: z.enum(["oldest", "newest"]).default("newest"),
  limit: z.number().int().min(1).max(1000).default(100),
  key: decodeSpec.default({ format: "none" }),
  value: decodeSpec.default({ format: "none" }),
  filter: messageFilter.optional(),
  timeoutMs: z.number().int().min(100).max(30_000).default(8_000),
});

/** `GET /api/topics/:name/tail?q=`: the spec as JSON (the route parses it with tailInput). */
export const tailQuery = z.object({ q: z.string().optional() });

/** `GET /api/topics/:name/tail?q=<this, as JSON>`. */
export const tailInput = z.object({
  cluster: z.string().min(1).optional(),
  partition: z.number().int().min(0).optional(),
  key: decodeSpec.default({ format: "none" }),
  value: decodeSpec.default({ format: "none" }),
  filter: messageFilter.optional(),
});

// The live tail's messages (tail-topic.ts sends them; lib/events/sse-client.ts parses them).

const rawBytes = z.object({
  text: z.string().nullable(),
  hex: z.string(),
  size: z.number(),
  truncated: z.boolean(),
}) satisfies z.ZodType<RawBytes>;

const decodedPart = z.object({
  raw: rawBytes.nullable(),
  decoded: z.unknown().optional(),
  cells: z.record(z.string(), z.string()).optional(),
  error: z.string().optional(),
}) satisfies z.ZodType<DecodedPart>;

export const browsedRecord = z.object({
  partition: z.number(),
  offset: z.number(),
  timestamp: z.number(),
  key: decodedPart,
  value: decodedPart,
  headers: z.array(z.object({ key: z.string(), value: rawBytes.nullable() })),
}) satisfies z.ZodType<BrowsedRecord>;

/** Where each partition starts (partition → offset); first on every connection. */
export const tailReadyEvent = z.object({
  topic: z.string(),
  positions: z.record(z.string(), z.number()),
});

/** One fetched batch's records that pass the filter. */
export const tailRecordsEvent = z.object({
  partition: z.number(),
  records: z.array(browsedRecord),
  /** Records that matched but were not sent (past MAX_RECORDS_PER_EVENT in one batch). */
  dropped: z.number(),
  highWatermark: z.number(),
});

/** The tail could not go on (the reader's error); the stream stays open. */
export const tailErrorEvent = z.object({ message: z.string() });

export const tailStreamSchemas = {
  ready: tailReadyEvent,
  records: tailRecordsEvent,
  error: tailErrorEvent,
};
export type TailEventName = keyof typeof tailStreamSchemas;
export type TailEvent<K extends TailEventName> = z.input<(typeof tailStreamSchemas)[K]>;
