import { config } from "@/lib/config";
import { readServersFile } from "@/lib/devstack/servers-file";

/**
 * Commands that work on the database directly use DATABASE_URL, or else the database of the
 * `npm start` running from this checkout (its servers file in the data dir).
 */
export function connectConsoleDatabase(): void {
  if (process.env.DATABASE_URL?.trim()) return;
  const found = readServersFile(config.dataDir());
  if (!found || "problem" in found || !found.content.databaseUrl) {
    throw new Error(
      (found && "problem" in found ? `${found.problem} ` : "") +
        `DATABASE_URL is not set and no running \`npm start\` was found in ${config.dataDir()}; ` +
        "start the console first or set DATABASE_URL.",
    );
  }
  process.env.DATABASE_URL = found.content.databaseUrl;
}
