/**
 * A JavaScript partitioner module in its own isolated-vm isolate: plain ECMAScript with no
 * require, process, fetch, timers, files or environment (nothing is passed in), a heap limit, and
 * a time limit on loading and on every call. An import of anything is refused.
 *
 * The host side talks to the isolate in batches (see the bootstrap below): one call partitions up
 * to a batch of records, so the cost of crossing the isolate boundary is paid per batch.
 */
import ivm from "isolated-vm";

export interface JsSandboxLimits {
  /** The isolate's heap limit (isolated-vm's memoryLimit, MiB). */
  memoryLimitMb: number;
  /** How long loading the module (its top-level code) may take. */
  loadTimeoutMs: number;
  /** How long one call (open, or one batch of partition calls) may take. */
  callTimeoutMs: number;
}

export const DEFAULT_JS_SANDBOX_LIMITS: JsSandboxLimits = {
  memoryLimitMb: 64,
  loadTimeoutMs: 5_000,
  callTimeoutMs: 2_000,
};

/** The module failed to load, misbehaved, or broke a limit. */
export class JsSandboxError extends Error {
  constructor(
    message: string,
    /** Index of the record within the batch the failure happened at, when known. */
    readonly index?: number,
  ) {
    super(message);
    this.name = "JsSandboxError";
  }
}

/**
 * Installed in the isolate after the module is evaluated. `partitionBatch` builds each record by
 * column name, calls partition, and checks the answer is one of the topic's partitions, so a bad
 * answer names its record; `current` is the record a timeout interrupted.
 */
const BOOTSTRAP = `
const describe = (e) => {
  if (e instanceof Error) return (e.name && e.name !== "Error" ? e.name + ": " : "") + e.message;
  try { return "a thrown " + typeof e + ": " + String(e); } catch { return "a thrown " + typeof e; }
};
const show = (v) => {
  if (typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") return String(v) + " (" + typeof v + ")";
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 40) + "…" : v) + " (string)";
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  return "a" + (typeof v === "object" ? "n object" : " " + typeof v);
};
let current = -1;
let instance;
globalThis.__tributary = {
  exports() {
    const partitioners = [], others = [];
    for (const name of Object.keys(__ns).sort()) {
      const v = __ns[name];
      if (typeof v === "function" && v.prototype && typeof v.prototype.partition === "function") partitioners.push(name);
      else others.push(name);
    }
    return { partitioners, others };
  },
  create(name, columns) {
    try {
      instance = new __ns[name]();
      instance.__columns = undefined;
      globalThis.__columns = columns;
      return null;
    } catch (e) { return describe(e); }
  },
  open(id, count) {
    if (typeof instance.open !== "function") return null;
    try { instance.open(id, count); return null; } catch (e) { return describe(e); }
  },
  current() { return current; },
  partitionBatch(rows, keyBytes, keyOffsets, valueBytes, valueOffsets, topics, topicOf, partitionsByTopic) {
    const columns = globalThis.__columns;
    const n = rows.length;
    const out = new Int32Array(n);
    const sets = {};
    for (const t of Object.keys(partitionsByTopic)) sets[t] = new Set(partitionsByTopic[t]);
    for (let i = 0; i < n; i++) {
      current = i;
      const row = rows[i];
      const record = {};
      for (let c = 0; c < columns.length; c++) record[columns[c]] = row[c];
      const ks = keyOffsets[2 * i], vs = valueOffsets[2 * i];
      const key = ks < 0 ? null : keyBytes.slice(ks, keyOffsets[2 * i + 1]);
      const value = vs < 0 ? null : valueBytes.slice(vs, valueOffsets[2 * i + 1]);
      const topic = topics[topicOf[i]];
      const partitions = partitionsByTopic[topic];
      let chosen;
      try {
        chosen = instance.partition(record, key, value, topic, partitions.slice());
      } catch (e) {
        current = -1;
        return { index: i, error: "partition(...) threw " + describe(e) };
      }
      if (typeof chosen !== "number" || !Number.isInteger(chosen) || !sets[topic].has(chosen)) {
        current = -1;
        return { index: i, error: "partition(...) returned " + show(chosen) + ", which is not one of the topic's partitions [" + partitions.join(", ") + "]" };
      }
      out[i] = chosen;
    }
    current = -1;
    return out;
  },
};
`;

const copy = { arguments: { copy: true }, result: { copy: true } } as const;

export class JsModuleSandbox {
  private constructor(
    private readonly isolate: ivm.Isolate,
    private readonly context: ivm.Context,
    private readonly api: ivm.Reference<Record<string, unknown>>,
    private readonly limits: JsSandboxLimits,
  ) {}

  /** Compiles, links and evaluates the module in a fresh isolate; refuses any import. */
  static async load(
    source: string,
    fileName: string,
    limits: JsSandboxLimits = DEFAULT_JS_SANDBOX_LIMITS,
  ): Promise<JsModuleSandbox> {
    const isolate = new ivm.Isolate({ memoryLimit: limits.memoryLimitMb });
    try {
      const context = await isolate.createContext();
      let compiled: ivm.Module;
      try {
        compiled = await isolate.compileModule(source, { filename: `file:///${fileName}` });
      } catch (e) {
        throw new JsSandboxError(`The module does not compile: ${message(e)}`);
      }
      try {
        await compiled.instantiate(context, (specifier) => {
          throw new Error(
            `'import ... from "${specifier}"' is not available: a partitioner module runs without imports (bundle its dependencies into the one file).`,
          );
        });
      } catch (e) {
        throw new JsSandboxError(`The module cannot be linked: ${message(e)}`);
      }
      try {
        await compiled.evaluate({ timeout: limits.loadTimeoutMs });
      } catch (e) {
        throw new JsSandboxError(
          `The module's top-level code failed: ${limitMessage(e, isolate, limits, limits.loadTimeoutMs)}`,
        );
      }
      await context.global.set("__ns", compiled.namespace.derefInto());
      await context.eval(BOOTSTRAP, { timeout: limits.loadTimeoutMs });
      const api = (await context.global.get("__tributary", { reference: true })) as ivm.Reference<
        Record<string, unknown>
      >;
      return new JsModuleSandbox(isolate, context, api, limits);
    } catch (e) {
      if (!isolate.isDisposed) isolate.dispose();
      throw e instanceof JsSandboxError ? e : new JsSandboxError(message(e));
    }
  }

  private async call(name: string, args: unknown[]): Promise<unknown> {
    if (this.isolate.isDisposed) throw new JsSandboxError("The partitioner's isolate is gone.");
    const fn = (await this.api.get(name, { reference: true })) as ivm.Reference<
      (...a: unknown[]) => unknown
    >;
    try {
      return await fn.apply(undefined, args, { ...copy, timeout: this.limits.callTimeoutMs });
    } catch (e) {
      const index = this.isolate.isDisposed ? undefined : await this.currentIndex();
      throw new JsSandboxError(
        limitMessage(e, this.isolate, this.limits, this.limits.callTimeoutMs),
        index,
      );
    } finally {
      fn.release();
    }
  }

  private async currentIndex(): Promise<number | undefined> {
    try {
      const i = (await this.context.eval("__tributary.current()", { timeout: 100 })) as number;
      return i >= 0 ? i : undefined;
    } catch {
      return undefined;
    }
  }

  /** The module's exports: classes with a partition method, and the rest. */
  async exports(): Promise<{ partitioners: string[]; others: string[] }> {
    return (await this.call("exports", [])) as { partitioners: string[]; others: string[] };
  }

  /** Instantiates the exported class (the isolate holds one partitioner). */
  async create(exportName: string, columns: readonly string[]): Promise<void> {
    const error = await this.call("create", [exportName, [...columns]]);
    if (error) throw new JsSandboxError(`new ${exportName}() threw ${String(error)}`);
  }

  async open(parallelInstanceId: number, parallelInstances: number): Promise<void> {
    const error = await this.call("open", [parallelInstanceId, parallelInstances]);
    if (error)
      throw new JsSandboxError(
        `open(${parallelInstanceId}, ${parallelInstances}) threw ${String(error)}`,
      );
  }

  /**
   * Partitions a batch. Keys and values come as one byte array each with [start, end) pairs
   * (start -1 for null); topicOf indexes topics.
   */
  async partitionBatch(batch: JsBatch): Promise<Int32Array> {
    const result = await this.call("partitionBatch", [
      batch.rows,
      batch.keyBytes,
      batch.keyOffsets,
      batch.valueBytes,
      batch.valueOffsets,
      batch.topics,
      batch.topicOf,
      batch.partitionsByTopic,
    ]);
    if (result instanceof Int32Array) return result;
    const { index, error } = result as { index: number; error: string };
    throw new JsSandboxError(error, index);
  }

  dispose(): void {
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }
}

export interface JsBatch {
  rows: unknown[][];
  keyBytes: Uint8Array;
  keyOffsets: Int32Array;
  valueBytes: Uint8Array;
  valueOffsets: Int32Array;
  topics: string[];
  topicOf: Uint16Array;
  partitionsByTopic: Record<string, number[]>;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function limitMessage(
  e: unknown,
  isolate: ivm.Isolate,
  limits: JsSandboxLimits,
  timeoutMs: number,
): string {
  const m = message(e);
  if (isolate.isDisposed || /memory limit/i.test(m))
    return `it ran out of memory (the isolate's heap limit is ${limits.memoryLimitMb} MiB)`;
  if (/timed out/i.test(m)) return `it did not return within ${timeoutMs} ms (an endless loop?)`;
  return m;
}
