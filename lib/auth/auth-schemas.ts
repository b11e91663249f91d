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
