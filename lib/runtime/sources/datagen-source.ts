/**
 * The `datagen` source of one parallel instance (Flink 1.20 DataGenTableSource with
 * DataGeneratorSource): sequence fields emit start..end split over the instances the way
 * SequenceGenerator does (instance i emits start+i, start+i+P, …) and end the source when used up;
 * number-of-rows is shared the same way (the first rows % P instances emit one more);
 * rows-per-second is the job's total, divided over the instances.
 */
import type { DataGenFieldGenerator, ResolvedDataGenTable } from "@/lib/connectors/resolved";
import {
  Decimal,
  MapValue,
  Timestamp,
  type LogicalType,
  type Value,
} from "@/lib/types/logical-type";
import type { CheckpointLock, Downstream, SourceCounters, SourceInstance } from "../operators";
import { OffsetlessSource } from "./offsetless-source";

type FieldGen = { next(): Value; remaining?: () => number };

const INT_RANGES: Record<string, [number, number]> = {
  TINYINT: [-128, 127],
  SMALLINT: [-32768, 32767],
  INT: [-2147483648, 2147483647],
};

export class DataGenSource extends OffsetlessSource implements SourceInstance {
  readonly counters: SourceCounters = { numRecordsIn: 0, numBytesIn: 0, numRecordsInErrors: 0 };
  private stopped = false;
  private readonly toEmit: number;
  private readonly generators: FieldGen[];

  constructor(
    private readonly table: ResolvedDataGenTable,
    private readonly instance: number,
    private readonly parallelism: number,
    private readonly random: () => number = Math.random,
  ) {
    super();
    this.generators = table.fields.map((f) => this.fieldGenerator(f.type, f.generator));
    let limit = Number.POSITIVE_INFINITY;
    if (table.numberOfRows !== undefined) {
      const base = Math.floor(table.numberOfRows / parallelism);
      limit = table.numberOfRows % parallelism > instance ? base + 1 : base;
    }
    for (const g of this.generators) if (g.remaining) limit = Math.min(limit, g.remaining());
    this.toEmit = limit;
  }

  async run(downstream: Downstream, lock: CheckpointLock): Promise<void> {
    const perSecond = this.table.rowsPerSecond / this.parallelism;
    const started = Date.now();
    let emitted = 0;
    while (!this.stopped && emitted < this.toEmit) {
      const allowed =
        Number.isFinite(perSecond) && perSecond > 0
          ? Math.floor(((Date.now() - started) / 1000) * perSecond) + 1
          : emitted + 1000;
      const chunk = Math.min(this.toEmit - emitted, Math.max(0, allowed - emitted), 1000);
      if (chunk === 0) {
        await sleep(Math.min(100, Math.max(1, 1000 / perSecond)));
        continue;
      }
      await lock.run(async () => {
        let pending: Array<Promise<void>> | undefined;
        for (let i = 0; i < chunk; i++) {
          const values = this.generators.map((g) => g.next());
          emitted++;
          this.counters.numRecordsIn++;
          const bp = downstream("+I", values, { row: emitted });
          if (bp) (pending ??= []).push(bp);
        }
        if (pending) await Promise.all(pending);
      });
      await new Promise((r) => setImmediate(r));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
  }

  private fieldGenerator(type: LogicalType, gen: DataGenFieldGenerator): FieldGen {
    const withNulls = (g: FieldGen, rate: number): FieldGen =>
      rate > 0
        ? { next: () => (this.random() < rate ? null : g.next()), remaining: g.remaining }
        : g;
    if (gen.kind === "sequence") {
      const start = BigInt(gen.start);
      const end = BigInt(gen.end);
      const total = end - start + 1n < 0n ? -(end - start + 1n) : end - start + 1n;
      const p = BigInt(this.parallelism);
      const base = total / p;
      const count = Number(total % p > BigInt(this.instance) ? base + 1n : base);
      let collected = 0;
      const congruence = start + BigInt(this.instance);
      const g: FieldGen = {
        next: () => sequenceValue(type, BigInt(collected++) * p + congruence),
        remaining: () => count,
      };
      return withNulls(g, gen.nullRate);
    }
    return withNulls({ next: () => this.randomValue(type, gen) }, gen.nullRate);
  }

  private randomValue(
    type: LogicalType,
    gen: Extract<DataGenFieldGenerator, { kind: "random" }>,
  ): Value {
    const r = this.random;
    const between = (lo: number, hi: number) => Math.floor(r() * (hi - lo + 1)) + lo;
    switch (type.kind) {
      case "BOOLEAN":
        return r() < 0.5;
      case "TINYINT":
      case "SMALLINT":
      case "INT": {
        const [lo, hi] = INT_RANGES[type.kind];
        return between(
          gen.min !== undefined ? Number(gen.min) : lo,
          gen.max !== undefined ? Number(gen.max) : hi,
        );
      }
      case "BIGINT": {
        const lo = gen.min !== undefined ? BigInt(gen.min) : -(2n ** 63n);
        const hi = gen.max !== undefined ? BigInt(gen.max) : 2n ** 63n - 1n;
        const span = hi - lo + 1n;
        const draw = (BigInt(Math.floor(r() * 2 ** 32)) << 32n) | BigInt(Math.floor(r() * 2 ** 32));
        return lo + (draw % span);
      }
      case "FLOAT":
      case "DOUBLE": {
        const lo = gen.min !== undefined ? Number(gen.min) : 0;
        const hi =
          gen.max !== undefined
            ? Number(gen.max)
            : type.kind === "FLOAT"
              ? 3.4028234663852886e38
              : Number.MAX_VALUE;
        const v = lo + r() * (hi - lo);
        return type.kind === "FLOAT" ? Math.fround(v) : v;
      }
      case "DECIMAL": {
        const lo = gen.min !== undefined ? Number(gen.min) : 0;
        const hi =
          gen.max !== undefined
            ? Number(gen.max)
            : 10 ** Math.min(15, type.precision - type.scale) - 1;
        const scaled = Math.round((lo + r() * (hi - lo)) * 10 ** Math.min(type.scale, 6));
        return new Decimal(BigInt(scaled) * 10n ** BigInt(Math.max(0, type.scale - 6)), type.scale);
      }
      case "CHAR":
      case "VARCHAR": {
        // RandomGenerator.stringGenerator: a hex string (RandomDataGenerator#nextHexString).
        const max = type.kind === "CHAR" ? type.length : gen.length;
        const len = gen.varLen ? between(1, max) : max;
        let s = "";
        for (let i = 0; i < len; i++) s += "0123456789abcdef"[Math.floor(r() * 16)];
        return s;
      }
      case "BINARY":
      case "VARBINARY": {
        const max = type.kind === "BINARY" ? type.length : gen.length;
        const len = gen.varLen ? between(1, max) : max;
        const bytes = new Uint8Array(len);
        for (let i = 0; i < len; i++) bytes[i] = Math.floor(r() * 256);
        return bytes;
      }
      case "DATE":
        return Math.floor(Date.now() / 86_400_000);
      case "TIME":
        return Date.now() % 86_400_000;
      case "TIMESTAMP":
      case "TIMESTAMP_LTZ":
        return Timestamp.fromEpochMillis(Date.now() - Math.floor(r() * (gen.maxPastMillis ?? 0)));
      case "ARRAY":
      case "MULTISET":
        return Array.from({ length: gen.length }, () => this.randomValue(type.element, gen));
      case "MAP":
        return new MapValue(
          Array.from({ length: gen.length }, () => [
            this.randomValue(type.key, gen),
            this.randomValue(type.value, gen),
          ]),
        );
      case "ROW":
        return type.fields.map((f) => this.randomValue(f.type, gen));
      default:
        return null;
    }
  }
}

function sequenceValue(type: LogicalType, n: bigint): Value {
  switch (type.kind) {
    case "BIGINT":
      return n;
    case "TINYINT":
    case "SMALLINT":
    case "INT":
      return Number(n);
    case "FLOAT":
      return Math.fround(Number(n));
    case "DOUBLE":
      return Number(n);
    case "DECIMAL":
      return new Decimal(n * 10n ** BigInt(type.scale), type.scale);
    case "CHAR":
    case "VARCHAR":
      return n.toString();
    default:
      return Number(n);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
