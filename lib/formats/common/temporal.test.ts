import { describe, expect, it } from "vitest";
import { Timestamp } from "@/lib/types/logical-type";
import {
  formatIsoDate,
  formatIsoTime,
  formatLocalDateTime,
  parseIsoDate,
  parseLocalDateTime,
  truncateTimestamp,
} from "./temporal";

describe("java.time layouts", () => {
  it("ISO_LOCAL_DATE: 4-digit years, '+' beyond 9999, '-' before year 0, leap days", () => {
    expect(formatIsoDate(0)).toBe("1970-01-01");
    expect(formatIsoDate(17816)).toBe("2018-10-12");
    expect(formatIsoDate(-1)).toBe("1969-12-31");
    expect(formatIsoDate(11016)).toBe("2000-02-29");
    expect(formatIsoDate(2932897)).toBe("+10000-01-01");
    expect(formatIsoDate(-719529)).toBe("-0001-12-31");
    expect(parseIsoDate("2000-02-29")).toBe(11016);
    expect(() => parseIsoDate("2001-02-29")).toThrow();
    expect(() => parseIsoDate("20191112")).toThrow();
  });
  it("ISO_LOCAL_TIME: seconds always printed, fraction without trailing zeros", () => {
    expect(formatIsoTime(0)).toBe("00:00:00");
    expect(formatIsoTime(43932232 * 1e6)).toBe("12:12:12.232");
    expect(formatIsoTime(43932200 * 1e6)).toBe("12:12:12.2");
    expect(formatIsoTime(43932 * 1e9 + 123456789)).toBe("12:12:12.123456789");
  });
  it("timestamps before 1970 and with nanos", () => {
    expect(formatLocalDateTime(new Timestamp(-1), " ")).toBe("1969-12-31 23:59:59.999");
    expect(formatLocalDateTime(new Timestamp(1, 500), "T")).toBe("1970-01-01T00:00:00.0010005");
    expect(parseLocalDateTime("1969-12-31 23:59:59.999", " ", false)).toEqual(new Timestamp(-1));
    expect(parseLocalDateTime("1970-01-01T00:00:00.0010005Z", "T", true)).toEqual(
      new Timestamp(1, 500),
    );
    expect(() => parseLocalDateTime("1970-01-01 00:00", " ", false, true)).toThrow();
    expect(truncateTimestamp(new Timestamp(1234, 567891), 3)).toEqual(new Timestamp(1234));
  });
});
