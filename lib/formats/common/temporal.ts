/**
 * java.time formatting and parsing of Flink's internal temporal values (DATE as epoch days,
 * TIME as millis of day, TIMESTAMP as epoch millis + nanos), in the shapes Flink's formats use:
 * ISO_LOCAL_DATE, ISO_LOCAL_TIME (seconds always printed, fraction without trailing zeros) and
 * the SQL timestamp layout `yyyy-MM-dd HH:mm:ss[.fraction]`. Proleptic Gregorian, like java.time.
 */
import { Timestamp } from "@/lib/types/logical-type";

const MILLIS_PER_DAY = 86_400_000;

/** Civil date from days since 1970-01-01 (Howard Hinnant's algorithm). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** ISO_LOCAL_DATE: 4-digit years, a sign for years beyond 9999 or before year 0. */
export function formatIsoDate(epochDay: number): string {
  const { year, month, day } = civilFromDays(epochDay);
  let y: string;
  if (year > 9999) y = "+" + year;
  else if (year < 0) y = "-" + pad(-year, 4);
  else y = pad(year, 4);
  return `${y}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** ISO_LOCAL_TIME from nanos of day: HH:mm:ss, then `.fraction` without trailing zeros if any. */
export function formatIsoTime(nanoOfDay: number): string {
  const totalSeconds = Math.floor(nanoOfDay / 1e9);
  const nano = nanoOfDay - totalSeconds * 1e9;
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}${formatFraction(nano)}`;
}

/** appendFraction(NANO_OF_SECOND, 0, 9, true): nothing for 0, else `.` and the digits sans trailing zeros. */
export function formatFraction(nano: number): string {
  if (nano === 0) return "";
  return "." + pad(nano, 9).replace(/0+$/, "");
}

/** Splits a TimestampData-like value into epoch day and nano of day. */
export function splitTimestamp(ts: Timestamp): { epochDay: number; nanoOfDay: number } {
  const epochDay = Math.floor(ts.epochMillis / MILLIS_PER_DAY);
  const millisOfDay = ts.epochMillis - epochDay * MILLIS_PER_DAY;
  return { epochDay, nanoOfDay: millisOfDay * 1e6 + ts.nanoOfMillisecond };
}

/** `yyyy-MM-dd<sep>HH:mm:ss[.fraction]` — ISO_LOCAL_DATE, separator, ISO_LOCAL_TIME. */
export function formatLocalDateTime(ts: Timestamp, separator: " " | "T"): string {
  const { epochDay, nanoOfDay } = splitTimestamp(ts);
  return formatIsoDate(epochDay) + separator + formatIsoTime(nanoOfDay);
}

export class TemporalParseError extends Error {}

const DATE_RE = /^([+-]?\d{4,9})-(\d{2})-(\d{2})$/;

/** ISO_LOCAL_DATE parse (strict: 2-digit month and day, valid calendar date). */
export function parseIsoDate(text: string): number {
  const m = DATE_RE.exec(text);
  if (!m) throw new TemporalParseError(`Text '${text}' could not be parsed as a date (yyyy-MM-dd)`);
  return validDays(text, Number(m[1]), Number(m[2]), Number(m[3]));
}

/** java.sql.Date.valueOf: `yyyy-[m]m-[d]d`. */
export function parseSqlDate(text: string): number {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (!m) throw new TemporalParseError(`'${text}' is not a date in the format yyyy-[m]m-[d]d`);
  return validDays(text, Number(m[1]), Number(m[2]), Number(m[3]));
}

function validDays(text: string, year: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    throw new TemporalParseError(`Text '${text}' could not be parsed: invalid date`);
  }
  const days = daysFromCivil(year, month, day);
  const back = civilFromDays(days);
  if (back.month !== month || back.day !== day) {
    throw new TemporalParseError(`Text '${text}' could not be parsed: Invalid date`);
  }
  return days;
}

const TIME_RE = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{0,9}))?)?$/;

/** ISO_LOCAL_TIME parse (HH:mm[:ss[.fffffffff]]) to nanos of day. */
export function parseIsoTime(text: string): number {
  const m = TIME_RE.exec(text);
  if (!m) throw new TemporalParseError(`Text '${text}' could not be parsed as a time (HH:mm:ss)`);
  return timeNanos(text, m[1], m[2], m[3], m[4]);
}

function timeNanos(text: string, hh: string, mm: string, ss?: string, frac?: string): number {
  const h = Number(hh);
  const mi = Number(mm);
  const s = ss === undefined ? 0 : Number(ss);
  if (h > 23 || mi > 59 || s > 59) {
    throw new TemporalParseError(`Text '${text}' could not be parsed: invalid time`);
  }
  const nano = frac ? Number(frac.padEnd(9, "0")) : 0;
  return ((h * 60 + mi) * 60 + s) * 1e9 + nano;
}

/**
 * `yyyy-MM-dd<sep>HH:mm[:ss[.fraction]]` with an optional literal `Z` suffix, to a Timestamp.
 * `requireZ` demands the suffix (TIMESTAMP_LTZ layouts), otherwise it is refused;
 * `requireSeconds` refuses `HH:mm` (the JSON SQL layout is built on the pattern HH:mm:ss).
 */
export function parseLocalDateTime(
  text: string,
  separator: " " | "T",
  requireZ: boolean,
  requireSeconds = false,
): Timestamp {
  let body = text;
  if (requireZ) {
    if (!body.endsWith("Z"))
      throw new TemporalParseError(`Text '${text}' could not be parsed: expected a trailing 'Z'`);
    body = body.slice(0, -1);
  }
  const at = body.indexOf(separator, 5);
  if (at < 0) throw new TemporalParseError(`Text '${text}' could not be parsed at index 10`);
  const days = parseIsoDate(body.slice(0, at));
  const m = TIME_RE.exec(body.slice(at + 1));
  if (!m || (requireSeconds && m[3] === undefined)) {
    throw new TemporalParseError(`Text '${text}' could not be parsed at index ${at + 1}`);
  }
  return timestampOf(days, timeNanos(text, m[1], m[2], m[3], m[4]));
}

export function timestampOf(epochDay: number, nanoOfDay: number): Timestamp {
  const millisOfDay = Math.floor(nanoOfDay / 1e6);
  return new Timestamp(epochDay * MILLIS_PER_DAY + millisOfDay, nanoOfDay - millisOfDay * 1e6);
}

/** Truncates a Timestamp to `precision` fractional digits, as TimestampData conversions do. */
export function truncateTimestamp(ts: Timestamp, precision: number): Timestamp {
  if (precision >= 9) return ts;
  const { epochDay, nanoOfDay } = splitTimestamp(ts);
  const unit = 10 ** (9 - precision);
  return timestampOf(epochDay, Math.floor(nanoOfDay / unit) * unit);
}
