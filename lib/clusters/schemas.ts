/**
 * The cluster profiles API's schemas (lib/<domain>/schemas.ts): what a Kafka cluster profile is
 * made of, and the rules its input follows — a name, bootstrap servers and Kafka client
 * properties (bare keys, e.g. `security.protocol`). Secret values are never stored in a profile:
 * a password-like key (or a password inside sasl.jaas.config) must be a `${secret_values.name}`
 * reference. Browser-safe (the clusters page validates with it too).
 */
import { z } from "zod";
import { isSensitiveKey } from "@/lib/kafka/client-config/catalog";
import { findSecretPlaceholders } from "@/lib/secrets/placeholders";
import { parseBootstrapAddresses } from "@/lib/kafka/diagnostics/addresses";

/** A profile as the API answers it. */
export const clusterProfile = z.object({
  id: z.string(),
  name: z.string(),
  bootstrapServers: z.string(),
  /** Kafka client properties with bare keys; secrets appear only as `${secret_values.x}`. */
  properties: z.record(z.string(), z.string()),
  isDefault: z.boolean(),
  /** Follows KAFKA_BOOTSTRAP_SERVERS (the local broker): its servers are refreshed at every start. */
  fromEnvironment: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ClusterProfile = z.infer<typeof clusterProfile>;
export const clusterProfileList = z.object({ clusters: z.array(clusterProfile) });

/** A property key as stored: without the `properties.` prefix a WITH clause gives it. */
export function bareKey(key: string): string {
  return key.startsWith("properties.") ? key.slice("properties.".length) : key;
}

/** Why a property's value may not be stored as given, or undefined when it may. */
export function plainSecretProblem(key: string, value: string): string | undefined {
  if (!isSensitiveKey(key)) return undefined;
  if (key.endsWith("jaas.config")) {
    // The login module and user name may stay in the clear; the password must be a reference.
    const password = /\bpassword\s*=\s*"([^"]*)"/.exec(value)?.[1];
    if (password === undefined) return undefined;
    return findSecretPlaceholders(password).length === 1 &&
      password.trim().startsWith("${") &&
      password.trim().endsWith("}")
      ? undefined
      : `The password in '${key}' must be a secret reference (password="\${secret_values.name}"); a profile never stores a secret's value.`;
  }
  const trimmed = value.trim();
  const refs = findSecretPlaceholders(trimmed);
  if (refs.length === 1 && refs[0].start === 0 && refs[0].end === trimmed.length) return undefined;
  return `'${key}' holds a secret: give it as \${secret_values.name} (create the secret on the Secrets page); a profile never stores a secret's value.`;
}

const bootstrapServers = z.string().superRefine((value, ctx) => {
  try {
    parseBootstrapAddresses(value);
  } catch (e) {
    ctx.addIssue({ code: "custom", message: e instanceof Error ? e.message : String(e) });
  }
});

const properties = z.record(z.string().min(1), z.string()).transform((props, ctx) => {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(props)) {
    const bare = bareKey(key.trim());
    if (bare === "bootstrap.servers") {
      ctx.addIssue({
        code: "custom",
        path: [key],
        message: "give the bootstrap servers in 'bootstrapServers', not as a property",
      });
      continue;
    }
    const problem = plainSecretProblem(bare, value);
    if (problem) ctx.addIssue({ code: "custom", path: [key], message: problem });
    out[bare] = value;
  }
  return out;
});

export const clusterProfileInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "must not be empty")
    .max(100)
    .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]*$/, "use letters, digits, space, '.', '_' and '-'"),
  bootstrapServers,
  properties: properties.optional(),
  isDefault: z.boolean().optional(),
});
export type ClusterProfileInput = z.output<typeof clusterProfileInput>;

export const clusterProfileUpdate = clusterProfileInput.partial();
export type ClusterProfileUpdate = z.output<typeof clusterProfileUpdate>;

/** `:id` of /api/clusters/:id: a profile's id. */
export const clusterIdParams = z.object({ id: z.string().min(1) });

/** `GET /api/clusters/:id/snippet?trailingComma=true`. */
export const snippetQuery = z.object({ trailingComma: z.enum(["true", "false"]).optional() });
