/**
 * Date/time arithmetic on Tributary's value representation (DATE = epoch days, TIME = millis of
 * day, TIMESTAMP = Timestamp wall clock read as UTC, TIMESTAMP_LTZ = Timestamp instant), the SQL
 * literal syntax Calcite accepts, and Java-style (SimpleDateFormat / DateTimeFormatter) patterns
 * as Flink's DATE_FORMAT, TO_TIMESTAMP, UNIX_TIMESTAMP and FROM_UNIXTIME use them.
 * Time zones: UTC, GMT, fixed offsets (`+08:00`, `GMT+8`) and IANA names through Intl.
 */
import { Timestamp } from "@/lib/types/logical-type";

const MS_PER_DAY = 86_400_000;

function utcMillis(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, ms);
  return date.getTime();
}

function validYmd(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dim = new Date(utcMillis(y, m + 1, 0)).getUTCDate();
  return d <= dim;
}

/** `yyyy-MM-dd` → epoch days, or null. */
export function parseDateLiteral(text: string): number | null {
  const m = /^\s*(\d{1,4})-(\d{1,2})-(\d{1,2})\s*$/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validYmd(y, mo, d)) return null;
  return Math.floor(utcMillis(y, mo, d) / MS_PER_DAY);
}

/** `HH:mm:ss[.fff]` → { millis of day, fractional digits }, or null. */
export function parseTimeLiteral(text: string): { millis: number; precision: number } | null {
  const m = /^\s*(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?\s*$/.exec(text);
  if (!m) return null;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  if (h > 23 || mi > 59 || s > 59) return null;
  const frac = m[4] ?? "";
  const ms = frac ? Number(frac.padEnd(3, "0").slice(0, 3)) : 0;
  return { millis: ((h * 60 + mi) * 60 + s) * 1000 + ms, precision: frac.length };
}

/** `yyyy-MM-dd[ HH:mm[:ss[.fffffffff]]]` (also with `T`) → Timestamp + fractional digits, or null. */
export function parseTimestampLiteral(
  text: string,
): { value: Timestamp; precision: number } | null {
  const m =
    /^\s*(\d{1,4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,9}))?)?)?\s*$/.exec(
      text,
    );
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (!validYmd(y, mo, d) || h > 23 || mi > 59 || s > 59) return null;
  const frac = m[7] ?? "";
  const nanos = frac ? Number(frac.padEnd(9, "0")) : 0;
  const millis = utcMillis(y, mo, d, h, mi, s) + Math.floor(nanos / 1_000_000);
  return { value: new Timestamp(millis, nanos % 1_000_000), precision: frac.length };
}

export interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
  nanoOfMilli: number;
  /** Day of week, 1 = Monday … 7 = Sunday (ISO). */
  dayOfWeek: number;
}

export function civilFromMillis(ms: number, nanoOfMilli = 0): Civil {
  const d = new Date(ms);
  const dow = d.getUTCDay();
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millis: d.getUTCMilliseconds(),
    nanoOfMilli,
    dayOfWeek: dow === 0 ? 7 : dow,
  };
}

const pad = (n: number, w: number) => {
  const s = String(Math.abs(n)).padStart(w, "0");
  return n < 0 ? "-" + s : s;
};

export function formatDate(days: number): string {
  const c = civilFromMillis(days * MS_PER_DAY);
  return `${pad(c.year, 4)}-${pad(c.month, 2)}-${pad(c.day, 2)}`;
}

export function formatTime(millisOfDay: number, precision = 0): string {
  const c = civilFromMillis(millisOfDay);
  let s = `${pad(c.hour, 2)}:${pad(c.minute, 2)}:${pad(c.second, 2)}`;
  if (precision > 0) s += "." + pad(c.millis, 3).padEnd(9, "0").slice(0, precision);
  return s;
}

/** Flink's TIMESTAMP → STRING cast: `yyyy-MM-dd HH:mm:ss` plus exactly `precision` fraction digits. */
export function formatTimestamp(ts: Timestamp, precision: number): string {
  const c = civilFromMillis(ts.epochMillis, ts.nanoOfMillisecond);
  let s = `${pad(c.year, 4)}-${pad(c.month, 2)}-${pad(c.day, 2)} ${pad(c.hour, 2)}:${pad(c.minute, 2)}:${pad(c.second, 2)}`;
  if (precision > 0) {
    const nanos = c.millis * 1_000_000 + c.nanoOfMilli;
    s += "." + String(nanos).padStart(9, "0").slice(0, precision);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Time zones

/** Offset of `zone` from UTC, in milliseconds, at the instant `epochMillis`. */
export function zoneOffsetMillis(zone: string, epochMillis: number): number {
  const z = zone.trim();
  if (z === "UTC" || z === "GMT" || z === "Z" || z === "UTC0") return 0;
  const fixed = /^(?:UTC|GMT)?([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (fixed) {
    const sign = fixed[1] === "-" ? -1 : 1;
    return sign * (Number(fixed[2]) * 60 + Number(fixed[3] ?? 0)) * 60_000;
  }
  const fmt = new Intl.DateTimeFormat("en-US", {
    timeZone: z,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(new Date(epochMillis)))
    if (p.type !== "literal") parts[p.type] = Number(p.value);
  const asUtc = utcMillis(
    parts.year,
    parts.month,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return asUtc - (epochMillis - (((epochMillis % 1000) + 1000) % 1000));
}

export function isValidZone(zone: string): boolean {
  try {
    zoneOffsetMillis(zone, 0);
    return true;
  } catch {
    return false;
  }
}

/** Wall clock (read as UTC millis) in `zone` → instant. */
export function wallClockToInstant(wallMillis: number, zone: string): number {
  let guess = wallMillis - zoneOffsetMillis(zone, wallMillis);
  guess = wallMillis - zoneOffsetMillis(zone, guess);
  return guess;
}

// ---------------------------------------------------------------------------------------------
// Java date patterns (the subset Flink users write: y M d H h m s S a E and quoted text)

type PatternToken =
  { kind: "field"; letter: string; count: number } | { kind: "text"; text: string };

const patternCache = new Map<string, PatternToken[]>();

export function compilePattern(pattern: string): PatternToken[] {
  const cached = patternCache.get(pattern);
  if (cached) return cached;
  const out: PatternToken[] = [];
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      const j = pattern.indexOf("'", i + 1);
      if (j === i + 1) {
        out.push({ kind: "text", text: "'" });
        i += 2;
        continue;
      }
      const end = j < 0 ? pattern.length : j;
      out.push({ kind: "text", text: pattern.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (j < pattern.length && pattern[j] === c) j++;
      out.push({ kind: "field", letter: c, count: j - i });
      i = j;
      continue;
    }
    out.push({ kind: "text", text: c });
    i++;
  }
  patternCache.set(pattern, out);
  return out;
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** Formats a wall clock (millis read as UTC + nanos) with a Java pattern. */
export function formatWithPattern(
  wallMillis: number,
  nanoOfMilli: number,
  pattern: string,
): string {
  const c = civilFromMillis(wallMillis, nanoOfMilli);
  let out = "";
  for (const t of compilePattern(pattern)) {
    if (t.kind === "text") {
      out += t.text;
      continue;
    }
    const n = t.count;
    switch (t.letter) {
      case "y":
      case "u":
        out += n === 2 ? pad(c.year % 100, 2) : pad(c.year, n);
        break;
      case "M":
        out +=
          n >= 4
            ? MONTHS[c.month - 1]
            : n === 3
              ? MONTHS[c.month - 1].slice(0, 3)
              : pad(c.month, n);
        break;
      case "d":
        out += pad(c.day, n);
        break;
      case "H":
        out += pad(c.hour, n);
        break;
      case "h":
        out += pad(c.hour % 12 === 0 ? 12 : c.hour % 12, n);
        break;
      case "m":
        out += pad(c.minute, n);
        break;
      case "s":
        out += pad(c.second, n);
        break;
      case "S": {
        const nanos = String(c.millis * 1_000_000 + c.nanoOfMilli).padStart(9, "0");
        out += n <= 9 ? nanos.slice(0, n) : nanos.padEnd(n, "0");
        break;
      }
      case "a":
        out += c.hour < 12 ? "AM" : "PM";
        break;
      case "E":
        out += n >= 4 ? DAYS[c.dayOfWeek - 1] : DAYS[c.dayOfWeek - 1].slice(0, 3);
        break;
      case "D": {
        const startOfYear = utcMillis(c.year, 1, 1);
        out += pad(Math.floor((wallMillis - startOfYear) / MS_PER_DAY) + 1, n);
        break;
      }
      default:
        throw new RangeError(`Unknown pattern letter: ${t.letter}`);
    }
  }
  return out;
}

/** Parses text with a Java pattern into a wall clock (millis read as UTC + nanos); null when it does not match. */
export function parseWithPattern(
  text: string,
  pattern: string,
): { millis: number; nanoOfMilli: number } | null {
  let pos = 0;
  let year = 1970;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let nanos = 0;
  let pm: boolean | undefined;
  const tokens = compilePattern(pattern);
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === "text") {
      if (!text.startsWith(t.text, pos)) return null;
      pos += t.text.length;
      continue;
    }
    if (t.letter === "a") {
      const s = text.slice(pos, pos + 2).toUpperCase();
      if (s !== "AM" && s !== "PM") return null;
      pm = s === "PM";
      pos += 2;
      continue;
    }
    if (t.letter === "M" && t.count >= 3) {
      const idx = MONTHS.findIndex((m) => text.startsWith(t.count >= 4 ? m : m.slice(0, 3), pos));
      if (idx < 0) return null;
      month = idx + 1;
      pos += t.count >= 4 ? MONTHS[idx].length : 3;
      continue;
    }
    // Adjacent numeric fields take exactly their width; otherwise read all digits.
    const next = tokens[k + 1];
    const fixedWidth = next && next.kind === "field";
    let j = pos;
    const limit = fixedWidth ? pos + t.count : text.length;
    while (j < limit && j < text.length && text[j] >= "0" && text[j] <= "9") j++;
    if (j === pos) return null;
    const digits = text.slice(pos, j);
    const v = Number(digits);
    pos = j;
    switch (t.letter) {
      case "y":
      case "u":
        year = t.count === 2 && digits.length === 2 ? 2000 + v : v;
        break;
      case "M":
        month = v;
        break;
      case "d":
        day = v;
        break;
      case "H":
      case "h":
        hour = v;
        break;
      case "m":
        minute = v;
        break;
      case "s":
        second = v;
        break;
      case "S":
        nanos = Number(digits.padEnd(9, "0").slice(0, 9));
        break;
      default:
        return null;
    }
  }
  if (pos !== text.length) return null;
  if (pm !== undefined && hour <= 12) hour = (hour % 12) + (pm ? 12 : 0);
  if (!validYmd(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  const millis = utcMillis(year, month, day, hour, minute, second) + Math.floor(nanos / 1_000_000);
  return { millis, nanoOfMilli: nanos % 1_000_000 };
}
