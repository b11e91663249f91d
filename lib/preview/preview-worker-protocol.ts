/**
 * The messages between the console (or the CLI) and a preview worker process, over Node's IPC
 * channel. Secrets travel only this way: the worker asks for a secret by name and scope, the
 * parent resolves it in its own process and answers with the value — never in argv or env.
 */
import type { PreviewResult } from "./run-preview";

/** Parent → worker. */
export type ToPreviewWorker =
  | { type: "run"; sql: string; rows?: number; timeoutMs?: number }
  | { type: "secret"; id: number; value: string }
  /** The path of a private copy of an attached key or trust store, or null when none is named so. */
  | { type: "store-file"; id: number; path: string | null }
  | { type: "request-error"; id: number; message: string };

/** Worker → parent. */
export type FromPreviewWorker =
  | { type: "secret"; id: number; name: string; bootstrapServers: string }
  | { type: "store-file"; id: number; fileName: string }
  | { type: "result"; result: PreviewResult };
