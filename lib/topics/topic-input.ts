/**
 * Topic names and the topic settings the console creates topics with, as Kafka checks them
 * (Topic.validate, TopicConfig). Browser-safe: the create form validates with the same rules.
 */
import { z } from "zod";

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
