/**
 * The auth, users and tokens API's schemas (lib/<domain>/schemas.ts): what the routes take
 * (parsed by the route wrapper) and what they answer (parsed by the browser's client,
 * lib/api/client.ts). Browser-safe.
 */
import { z } from "zod";
import { ROLES } from "./roles";

export const email = z
  .string()
  .trim()
  .min(3)
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, "an email address");
export const role = z.enum(ROLES);
/** Length rules live in passwords.ts (checkPasswordPolicy) so the CLI applies them too. */
export const password = z.string().min(1).max(1024);

export const signInInput = z.object({ email, password });
export const setupInput = z.object({ token: z.string().min(1).max(200), email, password });
export const createUserInput = z.object({
  email,
  role,
  password: password.optional(),
  displayName: z.string().trim().max(100).optional(),
});
export const updateUserInput = z.object({
  role: role.optional(),
  disabled: z.boolean().optional(),
  password: password.optional(),
  displayName: z.string().trim().min(1).max(100).optional(),
});
export const createTokenInput = z.object({
  name: z.string().trim().min(1).max(100),
  role: role.optional(),
});

/** `:id` of /api/users/:id, /api/tokens/:id and /api/auth/sessions/:id. */
export const idParams = z.object({ id: z.uuid() });

/** `DELETE /api/auth/sessions?keep=current`: all but the session asking. */
export const revokeSessionsQuery = z.object({ keep: z.enum(["current"]).optional() });

// Answers.

/** `GET /api/auth/session`: who is signed in, and whether the first admin's setup is pending. */
export const signedInSession = z.object({
  user: z.object({ email: z.string(), role, via: z.enum(["session", "token"]) }).nullable(),
  setupRequired: z.boolean(),
});

export const sessionSummary = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  userAgent: z.string().nullable(),
  address: z.string().nullable(),
  /** The session this request came with. */
  current: z.boolean(),
});
export type SessionSummary = z.infer<typeof sessionSummary>;
export const sessionList = z.object({ sessions: z.array(sessionSummary) });

export const userSummary = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role,
  disabled: z.boolean(),
  createdAt: z.string(),
});
export type UserSummary = z.infer<typeof userSummary>;
export const userList = z.object({ users: z.array(userSummary) });

export const apiTokenSummary = z.object({
  id: z.string(),
  name: z.string(),
  role,
  prefix: z.string(),
  userEmail: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revoked: z.boolean(),
});
export type ApiTokenSummary = z.infer<typeof apiTokenSummary>;
export const apiTokenList = z.object({ tokens: z.array(apiTokenSummary) });
/** `POST /api/tokens` → the token itself, once, with its summary. */
export const createdApiToken = apiTokenSummary.extend({ token: z.string() });
