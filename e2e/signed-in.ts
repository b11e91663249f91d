/**
 * For requests a spec makes outside Playwright's browser and `request` fixture (e.g. Node's fetch
 * to read the first bytes of an event stream): the signed-in admin's cookie from the state that
 * e2e/global-setup.ts saved.
 */
import fs from "node:fs";
import path from "node:path";

const ADMIN_STATE = path.join(import.meta.dirname, "..", "test-results", ".auth", "admin.json");

export function signedInHeaders(): Record<string, string> {
  const state = JSON.parse(fs.readFileSync(ADMIN_STATE, "utf8")) as {
    cookies: Array<{ name: string; value: string }>;
  };
  return { cookie: state.cookies.map((c) => `${c.name}=${c.value}`).join("; ") };
}
