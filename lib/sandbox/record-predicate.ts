/**
 * A user's JavaScript filter expression, run per record in an isolated-vm isolate: no access to
 * Node.js, the network or the file system, a memory limit per isolate and a time limit per
 * record, so an expression can neither harm the console nor stall it. The record is copied in as
 * plain data ({key, value, headers, partition, offset, timestamp}); a truthy result keeps it.
 */
import { createRequire } from "node:module";
import path from "node:path";
import type * as IvmModule from "isolated-vm";
import { Invalid } from "@/lib/domain-errors";

export const SANDBOX_MEMORY_MB = 16;
export const SANDBOX_RECORD_TIMEOUT_MS = 50;

export interface RecordPredicate {
  test(record: object): boolean;
  dispose(): void;
}

type Ivm = typeof IvmModule;
let loaded: Ivm | undefined;

/** isolated-vm is native: loaded with Node's require (the bundler must not touch it). */
function ivm(): Ivm {
  if (loaded) return loaded;
  const require = createRequire(path.join(process.cwd(), "index.js"));
  loaded = require("isolated-vm") as Ivm;
  return loaded;
}

/** An expression that does not compile or fails on every record. */
export class FilterExpressionError extends Invalid {}

export async function compileRecordPredicate(
  expression: string,
  limits: { memoryMb?: number; timeoutMs?: number } = {},
): Promise<RecordPredicate> {
  const { Isolate, ExternalCopy } = ivm();
  const isolate = new Isolate({ memoryLimit: limits.memoryMb ?? SANDBOX_MEMORY_MB });
  const timeout = limits.timeoutMs ?? SANDBOX_RECORD_TIMEOUT_MS;
  try {
    const context = isolate.createContextSync();
    // `record` itself, and its fields as names, are in scope: `value.amount > 10`.
    const source = `(function (record) { const { key, value, headers, partition, offset, timestamp } = record; return !!(\n${expression}\n); })`;
    let fn: IvmModule.Reference<(r: unknown) => boolean>;
    try {
      fn = isolate.compileScriptSync(source, { filename: "filter.js" }).runSync(context, {
        reference: true,
        timeout,
      }) as IvmModule.Reference<(r: unknown) => boolean>;
    } catch (e) {
      throw new FilterExpressionError(`The filter expression does not compile: ${message(e)}`);
    }
    let failures = 0;
    return {
      test(record) {
        try {
          return fn.applySync(undefined, [new ExternalCopy(record).copyInto()], {
            timeout,
          }) as boolean;
        } catch (e) {
          if (isolate.isDisposed)
            throw new FilterExpressionError(
              `The filter expression used more than ${limits.memoryMb ?? SANDBOX_MEMORY_MB} MB and was stopped.`,
            );
          const text = message(e);
          if (/timed out/i.test(text))
            throw new FilterExpressionError(
              `The filter expression took longer than ${timeout} ms on one record and was stopped.`,
            );
          // A record the expression cannot handle (e.g. value is null) does not match; a filter
          // that fails on every record is a mistake worth saying.
          if (++failures >= 1000)
            throw new FilterExpressionError(`The filter expression fails on every record: ${text}`);
          return false;
        }
      },
      dispose() {
        if (!isolate.isDisposed) isolate.dispose();
      },
    };
  } catch (e) {
    if (!isolate.isDisposed) isolate.dispose();
    throw e;
  }
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
