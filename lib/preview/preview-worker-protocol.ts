/**
 * The messages between the console (or the CLI) and a preview worker process, over Node's IPC
 * channel. Secrets travel only this way: the worker asks for a secret by name and scope, the
 * parent resolves it in its own process and answers with the value — never in argv or env.
 */
import type { PreviewResource } from "@/lib/resources/preview-resources";
import type { PreviewAttachments, PreviewResult } from "./run-preview";

/** Parent → worker. */
export type ToPreviewWorker =
  | {
      type: "run";
      sql: string;
      rows?: number;
      timeoutMs?: number;
      attached?: PreviewAttachments;
      /** The draft's JAR and JavaScript resources, which a custom sink.partitioner may name. */
      resources?: PreviewResource[];
    }
  | { type: "secret"; id: number; value: string }
  /** The path of a private copy of an attached key or trust store, or null when none is named so. */
  | { type: "store-file"; id: number; path: string | null }
  /** The path of a private copy of an attached resource's bytes. */
  | { type: "resource-file"; id: number; path: string }
  | { type: "request-error"; id: number; message: string };

/** Worker → parent. */
export type FromPreviewWorker =
  | { type: "secret"; id: number; name: string; bootstrapServers: string }
  | { type: "store-file"; id: number; fileName: string }
  | { type: "resource-file"; id: number; resourceId: string }
  | { type: "result"; result: PreviewResult };
