/**
 * Where a Kafka source starts and stops: KafkaConnectorOptionsUtil's scan.startup.* and
 * scan.bounded.* checks (validateScanStartupMode / validateScanBoundedMode) and
 * parseSpecificOffsets, with their messages. `kafka` reads both; `upsert-kafka` only the bounded side.
 */
import type { ConfigOption } from "@/lib/options/config-option";
import type { ConnectorContext } from "../factory";
import {
  ENUM_CLASSES,
  SCAN_BOUNDED_MODE,
  SCAN_BOUNDED_SPECIFIC_OFFSETS,
  SCAN_BOUNDED_TIMESTAMP_MILLIS,
  SCAN_STARTUP_MODE,
  SCAN_STARTUP_SPECIFIC_OFFSETS,
  SCAN_STARTUP_TIMESTAMP_MILLIS,
} from "./kafka-options";
import type {
  BoundedMode,
  PartitionOffset,
  ResolvedBounded,
  ResolvedStartup,
  StartupMode,
} from "./resolved";

const OFFSET_OPTIONS: Record<
  "startup" | "bounded",
  { mode: ConfigOption; offsets: ConfigOption; timestamp: ConfigOption }
> = {
  startup: {
    mode: SCAN_STARTUP_MODE,
    offsets: SCAN_STARTUP_SPECIFIC_OFFSETS,
    timestamp: SCAN_STARTUP_TIMESTAMP_MILLIS,
  },
  bounded: {
    mode: SCAN_BOUNDED_MODE,
    offsets: SCAN_BOUNDED_SPECIFIC_OFFSETS,
    timestamp: SCAN_BOUNDED_TIMESTAMP_MILLIS,
  },
};

/** scan.startup.mode and what its mode requires; undefined after reporting a problem. */
export function resolveStartup(
  ctx: ConnectorContext,
  topics: string[] | undefined,
): ResolvedStartup | undefined {
  const r = readOffsets(ctx, "startup", topics);
  return r && { ...r, mode: r.mode as StartupMode };
}

/** scan.bounded.mode and what its mode requires; undefined after reporting a problem. */
export function resolveBounded(
  ctx: ConnectorContext,
  topics: string[] | undefined,
): ResolvedBounded | undefined {
  const r = readOffsets(ctx, "bounded", topics);
  return r && { ...r, mode: r.mode as BoundedMode };
}

function readOffsets(
  ctx: ConnectorContext,
  word: "startup" | "bounded",
  topics: string[] | undefined,
): { mode: string; specificOffsets: PartitionOffset[]; timestampMillis?: number } | undefined {
  const o = ctx.options;
  const {
    mode: modeOption,
    offsets: offsetsOption,
    timestamp: timestampOption,
  } = OFFSET_OPTIONS[word];
  const mode = o.read<string>(modeOption, ENUM_CLASSES[modeOption.key]);
  if (mode.state === "invalid") return undefined;
  const value = mode.state === "value" ? mode.value : modeOption.defaultValue!;
  const result: { mode: string; specificOffsets: PartitionOffset[]; timestampMillis?: number } = {
    mode: value,
    specificOffsets: [],
  };
  const modeSpan = o.option(modeOption.key)?.valueSpan ?? ctx.table.withSpan;
  if (value === "timestamp") {
    const ts = o.read<number>(timestampOption);
    if (ts.state === "absent") {
      o.error(
        `'${timestampOption.key}' is required in 'timestamp' ${word} mode but missing.`,
        modeSpan,
      );
      return undefined;
    }
    if (ts.state === "invalid") return undefined;
    if (ts.state === "value") result.timestampMillis = ts.value;
  }
  if (value === "specific-offsets") {
    const offsets = o.option(offsetsOption.key);
    if (!offsets) {
      o.error(
        `'${offsetsOption.key}' is required in 'specific-offsets' ${word} mode but missing.`,
        modeSpan,
      );
      return undefined;
    }
    if (!(topics && topics.length === 1)) {
      o.error(
        "Currently Kafka source only supports specific offset for single topic.",
        offsets.keySpan,
      );
      return undefined;
    }
    const parsed = parseSpecificOffsets(offsets.value, offsetsOption.key);
    if (typeof parsed === "string") {
      o.error(parsed, offsets.valueSpan);
      return undefined;
    }
    result.specificOffsets = parsed;
  }
  return result;
}

/** KafkaConnectorOptionsUtil.parseSpecificOffsets, its message. */
export function parseSpecificOffsets(text: string, optionKey: string): PartitionOffset[] | string {
  const message = `Invalid properties '${optionKey}' should follow the format 'partition:0,offset:42;partition:1,offset:300', but is '${text}'.`;
  // Java's String.split drops trailing empty strings.
  const pairs = text.split(";");
  while (pairs.length > 0 && pairs[pairs.length - 1] === "") pairs.pop();
  if (pairs.length === 0) return message;
  const result = new Map<number, number>();
  for (const pair of pairs) {
    if (pair.length === 0 || !pair.includes(",")) return message;
    const kv = pair.split(",");
    while (kv.length > 0 && kv[kv.length - 1] === "") kv.pop();
    if (kv.length !== 2 || !kv[0].startsWith("partition:") || !kv[1].startsWith("offset:"))
      return message;
    const partition = kv[0].slice(kv[0].indexOf(":") + 1);
    const offset = kv[1].slice(kv[1].indexOf(":") + 1);
    if (!/^[+-]?\d+$/.test(partition) || !/^[+-]?\d+$/.test(offset)) return message;
    const p = BigInt(partition);
    const off = BigInt(offset);
    if (p < -(2n ** 31n) || p >= 2n ** 31n || off < -(2n ** 63n) || off >= 2n ** 63n)
      return message;
    result.set(Number(p), Number(off));
  }
  return [...result].map(([partition, offset]) => ({ partition, offset }));
}
