import path from "node:path";
import { defineConfig } from "@playwright/test";

// Driven by scripts/test.ts, which starts the console against real PostgreSQL and Kafka and sets
// the URL; Chromium is Debian's (never downloaded by Playwright). Every spec starts signed in as
// the admin (e2e/global-setup.ts); a spec opts out with test.use({ storageState: { cookies: [], origins: [] } }).
export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["json"]],
  use: {
    baseURL: process.env.TRIBUTARY_E2E_BASE_URL ?? "http://127.0.0.1:3000",
    // What a browser's own same-origin POST carries; the `request` fixture sends none by itself,
    // and the console refuses signed-in state changes without it (CSRF, lib/api/cross-site.ts).
    extraHTTPHeaders: {
      origin: new URL(process.env.TRIBUTARY_E2E_BASE_URL ?? "http://127.0.0.1:3000").origin,
    },
    storageState: path.join(import.meta.dirname, "test-results", ".auth", "admin.json"),
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.TRIBUTARY_CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
});
