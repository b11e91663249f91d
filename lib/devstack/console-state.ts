/**
 * What a running `tributary start` tells other commands run from the same checkout (`tributary
 * users`, `tributary tokens`): its database URL and address, in `<data dir>/console.json`, mode
 * 0600 (the URL carries the database password). Removed again when the start stops.
 */
import { existsSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";

export interface ConsoleState {
  pid: number;
  databaseUrl: string;
  url: string;
}

export function consoleStateFile(dataDir: string): string {
  return path.join(dataDir, "console.json");
}

export async function writeConsoleState(dataDir: string, state: ConsoleState): Promise<void> {
  await fs.mkdir(dataDir, { recursive: true });
  const file = consoleStateFile(dataDir);
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, JSON.stringify(state, null, 2) + "\n", { mode: 0o600 });
  await fs.chmod(temp, 0o600);
  await fs.rename(temp, file);
}

export async function removeConsoleState(dataDir: string): Promise<void> {
  const file = consoleStateFile(dataDir);
  const state = readConsoleState(dataDir);
  if (state?.pid === process.pid) await fs.rm(file, { force: true });
}

/** The state of a start that is still running, or null. */
export function readConsoleState(dataDir: string): ConsoleState | null {
  const file = consoleStateFile(dataDir);
  if (!existsSync(file)) return null;
  try {
    const state = JSON.parse(readFileSync(file, "utf8")) as ConsoleState;
    process.kill(state.pid, 0); // throws when that process is gone
    return state;
  } catch {
    return null;
  }
}
