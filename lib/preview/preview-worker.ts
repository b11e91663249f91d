/**
 * Runs a preview in a child process (workers/preview-worker.ts) instead of the process that asked
 * for it: the child's heap is bounded (`--max-old-space-size`) and it is killed (SIGKILL) once a
 * wall-clock bound passes, so a preview that runs away in time or memory costs the console
 * nothing but a clear error. The child gets no database URL, no secret key and no secret in its
 * argv or environment; it asks for each `${secret_values.x}` over IPC and this process resolves
 * it (scoped to the table's bootstrap servers) with `resolveSecret`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { projectRoot } from "@/lib/config";
import type { PreviewResource } from "@/lib/resources/preview-resources";
import type { FromPreviewWorker, ToPreviewWorker } from "./preview-worker-protocol";
import {
  DEFAULT_PREVIEW_ROWS,
  DEFAULT_PREVIEW_TIMEOUT_MS,
  type PreviewOptions,
  type PreviewResult,
} from "./run-preview";

export const PREVIEW_HEAP_MB = 512;
/** Beyond the preview's own time bound: the worker's start-up (tsx) and its connections' close. */
export const PREVIEW_KILL_GRACE_MS = 15_000;

export interface PreviewWorkerOptions extends Omit<PreviewOptions, "resolvePartitioner"> {
  /** The draft's JAR and JavaScript resources: the worker loads the custom partitioners they hold. */
  resources?: PreviewResource[];
  /** The path of a private copy of one of `resources` (the worker reads the bytes from it). */
  resolveResourceFile?(resourceId: string): Promise<string>;
  /** The worker is killed this long after it was started (default timeout + 15 s). */
  killAfterMs?: number;
  /** The worker's V8 old-space bound in MB (default 512). */
  heapMb?: number;
  /** Called with the worker once started (tests watch it die). */
  onStart?(child: ChildProcess): void;
}

/** What the worker inherits: nothing that opens the database or decrypts secrets. */
function workerEnv(): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env))
    if (!/DATABASE_URL|PASSWORD|SECRET|TOKEN|CREDENTIAL/i.test(key)) env[key] = value;
  return env as NodeJS.ProcessEnv;
}

function stoppedResult(options: PreviewWorkerOptions, message: string, causes: string[] = []) {
  const rowsPerSource = options.rows ?? DEFAULT_PREVIEW_ROWS;
  return {
    ok: false,
    sinks: [],
    sources: [],
    rowsPerSource,
    failure: { message, causes, retriable: false },
  } satisfies PreviewResult;
}

export function runPreviewInWorker(options: PreviewWorkerOptions): Promise<PreviewResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_PREVIEW_TIMEOUT_MS;
  const killAfterMs = options.killAfterMs ?? timeoutMs + PREVIEW_KILL_GRACE_MS;
  const heapMb = options.heapMb ?? PREVIEW_HEAP_MB;
  const root = projectRoot();
  const child = spawn(
    process.execPath,
    [
      `--max-old-space-size=${heapMb}`,
      "--import",
      "tsx",
      path.join(root, "workers/preview-worker.ts"),
    ],
    { cwd: root, env: workerEnv(), stdio: ["ignore", "ignore", "pipe", "ipc"] },
  );
  options.onStart?.(child);
  // The tail of stderr tells an out-of-memory death apart; it is never shown (it could hold data).
  let stderrTail = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString("utf8")).slice(-4096);
  });
  const send = (message: ToPreviewWorker) => {
    if (child.connected) child.send(message, (e) => e && undefined);
  };

  return new Promise<PreviewResult>((resolve) => {
    let settled = false;
    let killedForTime = false;
    const finish = (result: PreviewResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      killedForTime = true;
      child.kill("SIGKILL");
    }, killAfterMs);

    const answer = <T>(id: number, work: Promise<T>, reply: (value: T) => ToPreviewWorker) =>
      work.then(
        (value) => send(reply(value)),
        (e: unknown) =>
          send({ type: "request-error", id, message: e instanceof Error ? e.message : String(e) }),
      );
    child.on("message", (message: FromPreviewWorker) => {
      if (message.type === "result") finish(message.result);
      else if (message.type === "secret")
        void answer(
          message.id,
          options.resolveSecret(message.name, message.bootstrapServers),
          (value) => ({ type: "secret", id: message.id, value }),
        );
      else if (message.type === "resource-file")
        void answer(
          message.id,
          options.resolveResourceFile?.(message.resourceId) ??
            Promise.reject(new Error("No resources are attached to this preview.")),
          (path) => ({ type: "resource-file", id: message.id, path }),
        );
      else if (message.type === "store-file")
        void answer(
          message.id,
          options.resolveStoreFile?.(message.fileName) ?? Promise.resolve(undefined),
          (path) => ({ type: "store-file", id: message.id, path: path ?? null }),
        );
    });
    child.on("error", (e) =>
      finish(stoppedResult(options, `The preview worker could not be started: ${e.message}`)),
    );
    child.on("close", (code, signal) => {
      if (killedForTime)
        finish(
          stoppedResult(
            options,
            `The preview was stopped after ${(killAfterMs / 1000).toFixed(1)} s: it did not finish within its time bound, so its worker process was killed.`,
            ["Preview a smaller sample (rows), or check that the script's Kafka clusters answer."],
          ),
        );
      else if (/heap out of memory|Reached heap limit/i.test(stderrTail))
        finish(
          stoppedResult(
            options,
            `The preview ran out of memory (its worker is bounded to a ${heapMb} MB heap) and was stopped.`,
            ["Preview fewer rows, or smaller records."],
          ),
        );
      else
        finish(
          stoppedResult(
            options,
            `The preview worker ended without an answer (${signal ? `signal ${signal}` : `exit code ${code}`}).`,
          ),
        );
    });
    send({
      type: "run",
      sql: options.sql,
      rows: options.rows,
      timeoutMs: options.timeoutMs,
      ...(options.attached ? { attached: options.attached } : {}),
      ...(options.resources ? { resources: options.resources } : {}),
    });
  });
}
