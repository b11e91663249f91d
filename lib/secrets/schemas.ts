/**
 * The secrets API's schemas (lib/<domain>/schemas.ts): a secret's name as `${secret_values.name}`
 * spells it, its value and scope (the bootstrap servers it may be sent to), and what
 * `GET /api/secret-names` answers. Browser-safe.
 */
import { z } from "zod";
import { SECRET_NAME_PATTERN } from "./placeholders";
import { normalizeScope } from "./secret-scope";

export const secretName = z
  .string()
  .regex(
    new RegExp(`^${SECRET_NAME_PATTERN}$`),
    "must start with a letter or _ and contain only letters, digits, _ and -",
  )
  .max(128);

const bootstrapServersInput = z
  .union([z.string(), z.array(z.string()).min(1).max(100)])
  .transform((value, ctx) => {
    try {
      return normalizeScope(value);
    } catch (e) {
      ctx.addIssue({ code: "custom", message: e instanceof Error ? e.message : String(e) });
      return z.NEVER;
    }
  });

export const putSecretInput = z.object({
  value: z.string().min(1, "must not be empty").max(65_536),
  /**
   * The scope: the bootstrap servers the value is for (`host:port,…` or a list). Required when
   * the secret is created; a replacement without it keeps the scope it had.
   */
  bootstrapServers: bootstrapServersInput.optional(),
});
export type PutSecretInput = z.output<typeof putSecretInput>;

export const createSecretInput = z.object({
  name: secretName,
  value: putSecretInput.shape.value,
  bootstrapServers: bootstrapServersInput,
});

/** `:name` of /api/secrets/:name. */
export const secretNameParams = z.object({ name: secretName });

/** `GET /api/secret-names`: for completion of `${secret_values.…}`. */
export const secretNames = z.object({ names: z.array(z.string()) });

// Answers.

export const secretInfo = z.object({
  name: z.string(),
  /** Where the value may be sent: normalised host:port addresses. */
  bootstrapServers: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SecretInfo = z.infer<typeof secretInfo>;

/** Where a secret is referenced: the latest draft versions and the jobs. */
export const secretUsage = z.object({
  drafts: z.array(z.object({ id: z.string(), name: z.string() })),
  jobs: z.array(z.object({ id: z.string(), name: z.string(), status: z.string() })),
});
export type SecretUsage = z.infer<typeof secretUsage>;

/** `GET /api/secrets` (admin): names, scopes and usage — never a value. */
export const secretList = z.object({ secrets: z.array(secretInfo.extend({ usage: secretUsage })) });
