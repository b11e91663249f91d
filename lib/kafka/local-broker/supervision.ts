import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";

/**
 * Keeping the broker's JVM from outliving us. Three layers, because each covers a different death:
 * - stop(): SIGTERM (Kafka shuts down cleanly), SIGKILL after a grace period;
 * - a watchdog process holding a pipe from the parent: when the parent dies in any way, even by
 *   SIGKILL, the OS closes the pipe and the watchdog terminates the JVM;
 * - a pid file: should both die with the machine half-way, the next start ends the stale JVM.
 */

export const WATCHDOG_MARKER = "tributary-kafka-watchdog";

export interface PidFileContent {
  brokerPid: number;
  watchdogPid?: number;
  /** The server.properties path the JVM was started with: it tells our broker from a reused pid. */
  serverProperties: string;
  /** The process that started it: while that lives, the broker is in use, not stale. */
  ownerPid: number;
}

export async function writePidFile(file: string, content: PidFileContent): Promise<void> {
  await writeFile(file, JSON.stringify(content) + "\n");
}

export async function removePidFile(file: string): Promise<void> {
  await rm(file, { force: true });
}

/**
 * Ends a broker (and its watchdog) left running by an earlier start on the same data directory whose
 * starter is gone; refuses when the starter still lives, since that broker is in use.
 */
export async function stopStaleBroker(pidFile: string, graceMs: number): Promise<boolean> {
  let content: PidFileContent;
  try {
    content = JSON.parse(await readFile(pidFile, "utf8")) as PidFileContent;
  } catch {
    return false;
  }
  const command = commandLineOf(content.brokerPid);
  const ours = command?.includes("kafka.Kafka") && command.includes(content.serverProperties);
  if (ours && isAlive(content.ownerPid)) {
    throw new Error(
      `A local Kafka broker (pid ${content.brokerPid}, started by process ${content.ownerPid}) already runs on ` +
        `${content.serverProperties}: stop it first or use another data directory.`,
    );
  }
  let stopped = false;
  if (content.watchdogPid && commandLineOf(content.watchdogPid)?.includes(WATCHDOG_MARKER)) {
    signal(content.watchdogPid, "SIGKILL");
  }
  if (ours) {
    await terminate(content.brokerPid, graceMs);
    stopped = true;
  }
  await removePidFile(pidFile);
  return stopped;
}

/** The watchdog: a POSIX shell blocked reading a pipe whose write end only the parent holds. */
export function startWatchdog(brokerPid: number, graceMs: number): ChildProcess {
  const rounds = Math.max(1, Math.ceil(graceMs / 200));
  const script = [
    "while read -r _; do :; done",
    'kill -TERM "$1" 2>/dev/null || exit 0',
    "i=0",
    'while kill -0 "$1" 2>/dev/null; do',
    `  if [ "$i" -ge ${rounds} ]; then kill -KILL "$1" 2>/dev/null; exit 0; fi`,
    "  sleep 0.2; i=$((i+1))",
    "done",
  ].join("\n");
  const watchdog = spawn("sh", ["-c", script, WATCHDOG_MARKER, String(brokerPid)], {
    stdio: ["pipe", "ignore", "ignore"],
    detached: true,
  });
  // The parent never writes; an error on the pipe only means the watchdog is gone already.
  watchdog.stdin?.on("error", () => {});
  watchdog.unref();
  return watchdog;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // An exited process whose parent has not reaped it yet (a zombie) still answers signal 0.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true;
  }
}

export function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

/** SIGTERM, then SIGKILL once graceMs passed; resolves when the process no longer exists. */
export async function terminate(pid: number, graceMs: number): Promise<void> {
  signal(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  if (isAlive(pid)) {
    signal(pid, "SIGKILL");
    while (isAlive(pid)) await sleep(50);
  }
}

function commandLineOf(pid: number): string | undefined {
  if (!isAlive(pid)) return undefined;
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    try {
      return execFileSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" });
    } catch {
      return undefined;
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
