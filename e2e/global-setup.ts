/**
 * Signs in once as the admin scripts/test.ts created (TRIBUTARY_ADMIN_EMAIL / _PASSWORD) and saves
 * the browser state that playwright.config.ts gives every spec, so specs start signed in. A spec
 * that tests sign-in itself opts out: `test.use({ storageState: { cookies: [], origins: [] } })`.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { request, type FullConfig } from "@playwright/test";

const ADMIN_STATE = path.join(import.meta.dirname, "..", "test-results", ".auth", "admin.json");

export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0].use.baseURL!;
  const email = process.env.TRIBUTARY_ADMIN_EMAIL ?? "admin@localhost";
  const password = process.env.TRIBUTARY_ADMIN_PASSWORD;
  if (!password)
    throw new Error(
      "TRIBUTARY_ADMIN_PASSWORD is not set; run the e2e suite with `npm test -- e2e`.",
    );
  const context = await request.newContext({ baseURL });
  const res = await context.post("/api/auth/sign-in", {
    data: { email, password },
    headers: { origin: new URL(baseURL).origin },
  });
  if (!res.ok())
    throw new Error(`signing in as ${email} failed: ${res.status()} ${await res.text()}`);
  await fs.mkdir(path.dirname(ADMIN_STATE), { recursive: true });
  await context.storageState({ path: ADMIN_STATE });
  await context.dispose();
}
