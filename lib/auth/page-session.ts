/** The signed-in user of a page render (server components), from the session cookie. */
import { cookies } from "next/headers";
import { findSessionUser, SESSION_COOKIE } from "./sessions";
import type { Role } from "./roles";

export interface PageUser {
  id: string;
  email: string;
  role: Role;
}

export async function pageUser(): Promise<PageUser | null> {
  const token = (await cookies()).get(SESSION_COOKIE)?.value;
  if (!token) return null;
  const found = await findSessionUser(token).catch(() => null);
  return found ? { id: found.user.id, email: found.user.email, role: found.user.role } : null;
}

/** A local path to return to after sign-in; anything else (another site, `//host`) is '/'. */
export function safeNextPath(next: string | undefined | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}
