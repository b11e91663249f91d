/**
 * The `print` sink (Flink's PrintSinkOutputWriter): one line per change, prefixed with
 * `<print-identifier>> `, or `<print-identifier>:<subtask+1>> ` when the sink runs in parallel
 * (just `<subtask+1>> ` without an identifier).
 */
import type { ResolvedPrintTable } from "@/lib/connectors/resolved";
import type { RowKind, Value } from "@/lib/types/logical-type";
import type { RecordCoordinates } from "../job-runtime";
import type { Backpressure, SinkCounters, SinkInstance } from "../operators";
import { printRow } from "./print-format";

export type PrintLine = (line: string, stream: "stdout" | "stderr") => void;

export function printPrefix(
  identifier: string | undefined,
  instance: number,
  parallelism: number,
): string {
  let prefix = identifier ?? "";
  if (parallelism > 1) {
    if (prefix !== "") prefix += ":";
    prefix += String(instance + 1);
  }
  return prefix === "" ? "" : prefix + "> ";
}

export class PrintSink implements SinkInstance {
  readonly counters: SinkCounters = {
    numRecordsOut: 0,
    numBytesOut: 0,
    numRecordsOutErrors: 0,
    currentSendTime: 0,
  };
  readonly exactlyOnce = false;
  private readonly prefix: string;
  private readonly types;

  constructor(
    private readonly table: ResolvedPrintTable,
    instance: number,
    parallelism: number,
    private readonly print: PrintLine,
  ) {
    this.prefix = printPrefix(table.printIdentifier, instance, parallelism);
    this.types = table.physicalFields.map((f) => f.type);
  }

  async open(): Promise<void> {}

  write(kind: RowKind, values: Value[], _coords: RecordCoordinates): Backpressure {
    this.counters.numRecordsOut++;
    this.print(
      this.prefix + printRow(kind, values, this.types),
      this.table.standardError ? "stderr" : "stdout",
    );
    return undefined;
  }

  async checkpoint(): Promise<void> {}
  async abort(): Promise<void> {}
  async close(): Promise<void> {}
}

/** The `blackhole` sink: swallows every row (and counts it). */
export class BlackholeSink implements SinkInstance {
  readonly counters: SinkCounters = {
    numRecordsOut: 0,
    numBytesOut: 0,
    numRecordsOutErrors: 0,
    currentSendTime: 0,
  };
  readonly exactlyOnce = false;
  async open(): Promise<void> {}
  write(): Backpressure {
    this.counters.numRecordsOut++;
    return undefined;
  }
  async checkpoint(): Promise<void> {}
  async abort(): Promise<void> {}
  async close(): Promise<void> {}
}
