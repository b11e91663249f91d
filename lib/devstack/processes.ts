import { spawn, type ChildProcess } from "node:child_process";

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
}

/** Spawns a child whose output lines are prefixed with its name, like a Procfile runner. */
export function spawnManaged(
  name: string,
  command: string,
  args: string[],
  opts: { env: NodeJS.ProcessEnv; cwd: string; quiet?: boolean },
): ManagedProcess {
  const child = spawn(command, args, {
    cwd: opts.cwd,
    env: opts.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString("utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => `[${name}] ${l}\n`)
      .join("");
  if (!opts.quiet) {
    child.stdout?.on("data", (c: Buffer) => process.stdout.write(prefix(c)));
    child.stderr?.on("data", (c: Buffer) => process.stderr.write(prefix(c)));
  } else {
    child.stdout?.resume();
    child.stderr?.resume();
  }
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return { name, child, exited };
}

/** SIGTERM, then SIGKILL if the process is still there after graceMs. */
export async function stopProcess(p: ManagedProcess, graceMs: number): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  p.child.kill("SIGTERM");
  const timer = setTimeout(() => p.child.kill("SIGKILL"), graceMs);
  await p.exited;
  clearTimeout(timer);
}

/** Runs a command to completion with inherited output; rejects naming it when it fails. */
export function runToCompletion(
  command: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd: string },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: opts.cwd,
      env: opts.env ?? process.env,
      stdio: "inherit",
    });
    child.once("error", reject);
    child.once("exit", (code, signal) =>
      code === 0
        ? resolve()
        : reject(
            new Error(`${[command, ...args].join(" ")} failed (${signal ?? `exit code ${code}`})`),
          ),
    );
  });
}
