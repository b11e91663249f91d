/**
 * The preview worker's side (workers/preview-worker.ts): waits for one "run" message, runs the
 * preview with secrets, store copies and attached resources' copies asked of the parent over IPC,
 * answers the result and exits. The worker
 * has no database access: the parent resolves each secret against the store.
 */
import { readFile } from "node:fs/promises";
import { resourcePartitionerResolver } from "@/lib/resources/resolve-partitioner";
import type { FromPreviewWorker, ToPreviewWorker } from "./preview-worker-protocol";
import { runPreview } from "./run-preview";

export async function servePreview(channel: NodeJS.Process = process): Promise<void> {
  if (!channel.send) throw new Error("the preview worker must be started with an IPC channel");
  const send = (message: FromPreviewWorker) =>
    new Promise<void>((resolve, reject) =>
      channel.send!(message, undefined, {}, (e) => (e ? reject(e) : resolve())),
    );
  const pending = new Map<number, { resolve(v: string | null): void; reject(e: Error): void }>();
  let nextId = 0;
  const run = new Promise<Extract<ToPreviewWorker, { type: "run" }>>((resolve) => {
    channel.on("message", (message: ToPreviewWorker) => {
      if (message.type === "run") resolve(message);
      else {
        const waiting = pending.get(message.id);
        pending.delete(message.id);
        if (message.type === "secret") waiting?.resolve(message.value);
        else if (message.type === "store-file" || message.type === "resource-file")
          waiting?.resolve(message.path);
        else waiting?.reject(new Error(message.message));
      }
    });
  });
  const request = await run;
  const ask = (message: DistributiveOmit<Extract<FromPreviewWorker, { id: number }>, "id">) =>
    new Promise<string | null>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      send({ ...message, id } as FromPreviewWorker).catch(reject);
    });
  // Custom partitioners load here as in a job's worker: a JS export in an isolate, a JAR's class
  // in a JVM host of this process; their bytes are read from copies the parent makes.
  const resources = request.resources ?? [];
  const result = await runPreview({
    sql: request.sql,
    rows: request.rows,
    timeoutMs: request.timeoutMs,
    ...(request.attached ? { attached: request.attached } : {}),
    ...(resources.length > 0
      ? {
          resolvePartitioner: resourcePartitionerResolver(
            resources.map((r) => ({
              ...r,
              bytes: async () =>
                readFile((await ask({ type: "resource-file", resourceId: r.id }))!),
            })),
          ),
        }
      : {}),
    resolveSecret: async (name, bootstrapServers) =>
      (await ask({ type: "secret", name, bootstrapServers })) ?? "",
    resolveStoreFile: async (fileName) =>
      (await ask({ type: "store-file", fileName })) ?? undefined,
  });
  await send({ type: "result", result });
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
