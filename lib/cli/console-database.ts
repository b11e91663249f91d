import { config } from "@/lib/config";
import { readConsoleState } from "@/lib/devstack/console-state";

/**
 * Commands that work on the database directly use DATABASE_URL, or else the database of the
 * `npm start` running from this checkout (its state file in the data dir).
 */
export function connectConsoleDatabase(): void {
  if (process.env.DATABASE_URL?.trim()) return;
  const state = readConsoleState(config.dataDir());
  if (!state) {
    throw new Error(
      `DATABASE_URL is not set and no running \`npm start\` was found in ${config.dataDir()}; ` +
        "start the console first or set DATABASE_URL.",
    );
  }
  process.env.DATABASE_URL = state.databaseUrl;
}
