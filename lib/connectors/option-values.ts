/**
 * Reading WITH-option values as Flink's Configuration does: ConfigurationUtils.convertValue
 * (Integer.parseInt, Long.parseLong, booleans, case-insensitive enums), TimeUtils.parseDuration,
 * MemorySize.parseBytes and StructuredOptionsSplitter for `;` lists — with their messages.
 * Browser-safe.
 */
import type { OptionType } from "@/lib/options/config-option";

export type OptionValue = string | number | boolean | string[];

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: string): Parsed<never> => ({ ok: false, reason });

/** Java's Integer/Long.parseLong: optional sign, ASCII digits, in range; NumberFormatException's text otherwise. */
export function parseJavaInteger(text: string, bits: 32 | 64): Parsed<number> {
  if (/^[+-]?\d+$/.test(text)) {
    const n = BigInt(text);
    const limit = 1n << BigInt(bits - 1);
    if (n >= -limit && n < limit) return ok(Number(n));
  }
  return fail(`For input string: "${text}"`);
}

const TIME_UNITS: ReadonlyArray<{ name: string; labels: string[]; millis: number }> = [
  { name: "DAYS", labels: ["d", "day", "days"], millis: 86_400_000 },
  { name: "HOURS", labels: ["h", "hour", "hours"], millis: 3_600_000 },
  { name: "MINUTES", labels: ["min", "m", "minute", "minutes"], millis: 60_000 },
  { name: "SECONDS", labels: ["s", "sec", "secs", "second", "seconds"], millis: 1000 },
  {
    name: "MILLISECONDS",
    labels: ["ms", "milli", "millis", "millisecond", "milliseconds"],
    millis: 1,
  },
  {
    name: "MICROSECONDS",
    labels: ["µs", "micro", "micros", "microsecond", "microseconds"],
    millis: 0.001,
  },
  {
    name: "NANOSECONDS",
    labels: ["ns", "nano", "nanos", "nanosecond", "nanoseconds"],
    millis: 0.000001,
  },
];

const ALL_TIME_UNITS = TIME_UNITS.map((u) => `${u.name}: (${u.labels.join(" | ")})`).join(", ");

/**
 * The `<digits><unit>` split and checks TimeUtils.parseDuration and MemorySize.parseBytes both make
 * before looking the unit up (with their messages); the unit comes back trimmed and lower-cased.
 */
function splitNumberAndUnit(text: string): Parsed<{ number: string; unit: string }> {
  const trimmed = text.trim();
  if (trimmed === "") return fail("argument is an empty- or whitespace-only string");
  const m = /^(\d*)(.*)$/s.exec(trimmed)!;
  const number = m[1];
  if (number === "") return fail("text does not start with a number");
  if (BigInt(number) > 9223372036854775807n) {
    return fail(
      `The value '${number}' cannot be re represented as 64bit number (numeric overflow).`,
    );
  }
  return ok({ number, unit: m[2].trim().toLowerCase() });
}

/** TimeUtils.parseDuration: `<digits><unit>`, a bare number is milliseconds. Result in milliseconds. */
export function parseDuration(text: string): Parsed<number> {
  const split = splitNumberAndUnit(text);
  if (!split.ok) return split;
  const { number, unit: unitLabel } = split.value;
  if (unitLabel === "") return ok(Number(number));
  const unit = TIME_UNITS.find((u) => u.labels.includes(unitLabel));
  if (!unit) {
    return fail(
      `Time interval unit label '${unitLabel}' does not match any of the recognized units: ${ALL_TIME_UNITS}`,
    );
  }
  return ok(Number(number) * unit.millis);
}

const MEMORY_UNITS: ReadonlyArray<{ labels: string[]; bytes: number }> = [
  { labels: ["b", "bytes"], bytes: 1 },
  { labels: ["k", "kb", "kibibytes"], bytes: 1024 },
  { labels: ["m", "mb", "mebibytes"], bytes: 1024 ** 2 },
  { labels: ["g", "gb", "gibibytes"], bytes: 1024 ** 3 },
  { labels: ["t", "tb", "tebibytes"], bytes: 1024 ** 4 },
];

/** MemorySize.parseBytes: `<digits><unit>`, a bare number is bytes. */
export function parseMemorySize(text: string): Parsed<number> {
  const split = splitNumberAndUnit(text);
  if (!split.ok) return split;
  const { number, unit } = split.value;
  if (unit === "") return ok(Number(number));
  const found = MEMORY_UNITS.find((u) => u.labels.includes(unit));
  if (!found) {
    const all = MEMORY_UNITS.map((u) => `(${u.labels.join(" | ")})`).join(" / ");
    return fail(`Memory size unit '${unit}' does not match any of the recognized units: ${all}`);
  }
  const bytes = BigInt(number) * BigInt(found.bytes);
  if (bytes > 9223372036854775807n) {
    return fail(
      `The value '${text}' cannot be re represented as 64bit number of bytes (numeric overflow).`,
    );
  }
  return ok(Number(bytes));
}

/** StructuredOptionsSplitter.splitEscaped(text, ';'): quoted elements may contain `;`; unquoted ones are trimmed. */
export function splitList(text: string, delimiter = ";"): Parsed<string[]> {
  const parts: string[] = [];
  let current: string | undefined;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === delimiter) {
      parts.push(current ?? "");
      current = undefined;
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else if (c === "'" || c === '"') {
      let element = "";
      let j = i + 1;
      let closed = false;
      while (j < text.length) {
        if (text[j] === c && text[j + 1] === c) {
          element += c;
          j += 2;
        } else if (text[j] === c) {
          closed = true;
          j++;
          break;
        } else {
          element += text[j++];
        }
      }
      if (!closed) return fail("Could not split string. Quoting was not closed properly.");
      current = element;
      i = j;
    } else {
      let j = i;
      while (j < text.length && text[j] !== delimiter) {
        if (text[j] === "'" || text[j] === '"') {
          return fail(`Could not split string. Illegal quoting at position: ${j}`);
        }
        j++;
      }
      current = text.slice(i, j).trim();
      i = j;
    }
  }
  if (current !== undefined) parts.push(current);
  return ok(parts);
}

/**
 * Parses a raw option value; `reason` is the Java cause's message, and `enumClass` names the enum
 * in "Could not parse value for enum <class>" as Flink prints it (`class a.b.C$D`).
 */
export function parseOptionValue(
  type: OptionType,
  raw: string,
  enumClass?: string,
): Parsed<OptionValue> {
  switch (type.kind) {
    case "string":
      return ok(raw);
    case "boolean": {
      const upper = raw.toUpperCase();
      if (upper === "TRUE") return ok(true);
      if (upper === "FALSE") return ok(false);
      return fail(
        `Unrecognized option for boolean: ${raw}. Expected either true or false(case insensitive)`,
      );
    }
    case "int":
      return parseJavaInteger(raw, 32);
    case "long":
      return parseJavaInteger(raw, 64);
    case "double": {
      const trimmed = raw.trim();
      if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?$/.test(trimmed))
        return ok(Number.parseFloat(trimmed));
      return fail(`For input string: "${raw}"`);
    }
    case "duration":
      return parseDuration(raw);
    case "memory":
      return parseMemorySize(raw);
    case "enum": {
      const match = type.values.find((v) => v.toUpperCase() === raw.toUpperCase());
      if (match !== undefined) return ok(match);
      return fail(
        `Could not parse value for enum ${enumClass ?? "class"}. Expected one of: [${type.values.join(", ")}]`,
      );
    }
    case "list":
      return splitList(raw);
    case "char": {
      return [...raw].length === 1
        ? ok(raw)
        : fail(`must be a string with single character, but was: ${raw}`);
    }
  }
}

/** The whole message for a value Flink cannot read, naming the key and the value. */
export function invalidOptionMessage(key: string, raw: string, reason: string): string {
  return `Invalid value for option '${key}'. Could not parse value '${raw}' for key '${key}': ${reason}`;
}
