/**
 * A JAR's partitioner class for one parallel sink instance, run in its own JVM partitioner host
 * process (java/.../PartitionerHost.java): bounded heap, an environment without secrets (PATH and
 * the locale only), and a time limit on every answer. A host that dies or stops answering fails
 * the batch as retriable, so the job restarts by its restart strategy with a fresh host.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import {
  PartitionerFailure,
  type BatchKafkaPartitioner,
  type PartitionRequest,
} from "@/lib/partitioners/partitioner";
import type { LogicalType, Value } from "@/lib/types/logical-type";
import { ensureHostJars } from "./host-jars";
import {
  FrameReader,
  FrameWriter,
  hostType,
  OP,
  STATUS,
  writeType,
  writeValue,
  type HostType,
} from "./host-protocol";

export interface JarPartitionerOptions {
  jar: Buffer;
  jarId: string;
  className: string;
  columns: ReadonlyArray<{ name: string; type: LogicalType }>;
  description: string;
  /** The host's heap limit (MiB). */
  heapMb?: number;
  /** How long one answer (load, open, a batch) may take. */
  callTimeoutMs?: number;
}

export const JVM_HOST_HEAP_MB = 128;
export const JVM_HOST_CALL_TIMEOUT_MS = 10_000;

export class JarPartitioner implements BatchKafkaPartitioner<readonly Value[]> {
  private constructor(
    private readonly host: HostProcess,
    readonly description: string,
    private readonly types: HostType[],
  ) {}

  /**
   * The partitioner, or undefined when the class cannot be found or instantiated, or
   * `{ notAPartitioner }` when it does not implement KafkaPartitioner (run-job reports both with
   * Flink's messages).
   */
  static async create(options: JarPartitionerOptions): Promise<unknown> {
    const { classpath } = await ensureHostJars();
    const jarPath = await spoolJar(options.jar);
    const host = new HostProcess(
      classpath,
      options.heapMb ?? JVM_HOST_HEAP_MB,
      options.callTimeoutMs ?? JVM_HOST_CALL_TIMEOUT_MS,
    );
    const types = options.columns.map((c) => hostType(c.type));
    const w = new FrameWriter();
    w.u8(OP.LOAD);
    w.string(jarPath);
    w.string(options.className);
    w.i32(types.length);
    for (const t of types) writeType(w, t);
    let answer: Buffer;
    try {
      answer = await host.call(w.finish());
    } catch (e) {
      host.stop();
      throw e;
    }
    if (answer[0] === STATUS.OK) return new JarPartitioner(host, options.description, types);
    host.stop();
    if (answer[0] === STATUS.NOT_A_PARTITIONER) return { notAPartitioner: options.className };
    throw new Error(readString(answer, 1));
  }

  async open(parallelInstanceId: number, parallelInstances: number): Promise<void> {
    const w = new FrameWriter();
    w.u8(OP.OPEN);
    w.i32(parallelInstanceId);
    w.i32(parallelInstances);
    const answer = await this.host.call(w.finish());
    if (answer[0] !== STATUS.OK) throw new PartitionerFailure(readString(answer, 1));
  }

  async partitionBatch(
    requests: readonly PartitionRequest<readonly Value[]>[],
    partitionsByTopic: ReadonlyMap<string, readonly number[]>,
  ): Promise<Int32Array> {
    const w = new FrameWriter();
    w.u8(OP.PARTITION);
    const topics = [...new Set(requests.map((r) => r.targetTopic))];
    const topicIndex = new Map(topics.map((t, i) => [t, i]));
    w.i16(topics.length);
    const sets = new Map<string, Set<number>>();
    for (const t of topics) {
      const partitions = partitionsByTopic.get(t) ?? [];
      sets.set(t, new Set(partitions));
      w.string(t);
      w.i32(partitions.length);
      for (const p of partitions) w.i32(p);
    }
    w.i32(requests.length);
    const types = this.types;
    for (const r of requests) {
      w.i16(topicIndex.get(r.targetTopic)!);
      w.bytes(r.key);
      w.bytes(r.value);
      for (let c = 0; c < types.length; c++) writeValue(w, types[c], r.record[c] ?? null);
    }
    const answer = await this.host.call(w.finish());
    if (answer[0] !== STATUS.OK) {
      throw new PartitionerFailure(readString(answer, 5), answer.readInt32BE(1));
    }
    const chosen = new Int32Array(requests.length);
    for (let i = 0; i < requests.length; i++) {
      const p = answer.readInt32BE(1 + 4 * i);
      const topic = requests[i].targetTopic;
      if (!sets.get(topic)!.has(p)) {
        throw new PartitionerFailure(
          `partition(...) returned ${p}, which is not one of the topic's partitions [${[...(partitionsByTopic.get(topic) ?? [])].join(", ")}]`,
          i,
        );
      }
      chosen[i] = p;
    }
    return chosen;
  }

  async close(): Promise<void> {
    this.host.stop();
  }
}

function readString(frame: Buffer, at: number): string {
  const length = frame.readInt32BE(at);
  return frame.toString("utf8", at + 4, at + 4 + length);
}

/** The JAR as a file the host's class loader can open, keyed by its content. */
async function spoolJar(jar: Buffer): Promise<string> {
  const dir = path.join(os.tmpdir(), "tributary-jars");
  const file = path.join(dir, `${createHash("sha256").update(jar).digest("hex")}.jar`);
  if (existsSync(file)) return file;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const staging = `${file}.${process.pid}-${Date.now()}`;
  await writeFile(staging, jar, { mode: 0o600 });
  await rename(staging, file);
  return file;
}

/** One host process: one request at a time, answered in order. */
class HostProcess {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly reader = new FrameReader();
  private waiting:
    { resolve: (b: Buffer) => void; reject: (e: Error) => void; timer: NodeJS.Timeout } | undefined;
  private ended: Error | undefined;
  private stderr = "";

  constructor(
    classpath: string,
    heapMb: number,
    private readonly callTimeoutMs: number,
  ) {
    this.child = spawn(
      "java",
      [
        `-Xmx${heapMb}m`,
        "-XX:+UseSerialGC",
        "-XX:+ExitOnOutOfMemoryError",
        // The VM's own messages (the OutOfMemoryError exit) on stderr: stdout carries only frames.
        "-XX:+DisplayVMOutputToStderr",
        "-Djava.awt.headless=true",
        "-cp",
        classpath,
        "dev.tributary.host.PartitionerHost",
      ],
      // Nothing of the worker's environment (secrets, DATABASE_URL) reaches user code.
      {
        env: {
          PATH: process.env.PATH ?? "/usr/bin:/bin",
          LANG: "C.UTF-8",
        } as unknown as NodeJS.ProcessEnv,
        stdio: "pipe",
      },
    );
    this.child.stdout.on("data", (chunk: Buffer) => {
      for (const frame of this.reader.push(chunk)) {
        const w = this.waiting;
        this.waiting = undefined;
        if (w) {
          clearTimeout(w.timer);
          w.resolve(frame);
        }
      }
    });
    this.child.stderr.on("data", (chunk: Buffer) => {
      // SLF4J's notice that no logger is bound is noise, not the host's failure.
      const lines = chunk
        .toString()
        .split("\n")
        .filter((l) => !l.startsWith("SLF4J: "));
      this.stderr = (this.stderr + lines.join("\n")).slice(-2000);
    });
    this.child.on("error", (e) =>
      this.end(new Error(`The JVM partitioner host could not start: ${e.message}`)),
    );
    this.child.on("exit", (code, signal) => {
      const oom = /OutOfMemoryError/.test(this.stderr);
      this.end(
        new Error(
          oom
            ? `the JVM partitioner host ran out of memory (its heap limit is ${heapMb} MiB) and exited`
            : `the JVM partitioner host exited (${signal ? `signal ${signal}` : `code ${code}`})${this.stderr.trim() ? `: ${this.stderr.trim().split("\n").slice(-3).join(" | ")}` : ""}`,
        ),
      );
    });
    this.child.stdin.on("error", () => {}); // a dead host's pipe: reported through exit
  }

  private end(error: Error): void {
    this.ended ??= error;
    const w = this.waiting;
    this.waiting = undefined;
    if (w) {
      clearTimeout(w.timer);
      w.reject(new PartitionerFailure(error.message, undefined, true));
    }
  }

  call(frame: Buffer): Promise<Buffer> {
    if (this.ended)
      return Promise.reject(new PartitionerFailure(this.ended.message, undefined, true));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = undefined;
        this.ended ??= new Error("stopped after a timeout");
        this.child.kill("SIGKILL");
        // Not retriable: the same records would make it loop again.
        reject(
          new PartitionerFailure(
            `it did not answer within ${this.callTimeoutMs} ms (an endless loop?)`,
          ),
        );
      }, this.callTimeoutMs);
      this.waiting = { resolve, reject, timer };
      this.child.stdin.write(frame);
    });
  }

  stop(): void {
    this.ended ??= new Error("stopped");
    this.child.stdin.end();
    const killer = setTimeout(() => this.child.kill("SIGKILL"), 2000);
    killer.unref();
    this.child.once("exit", () => clearTimeout(killer));
  }
}
