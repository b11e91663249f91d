import { describe, expect, it } from "vitest";
import { Decimal, MapValue, T, Timestamp } from "@/lib/types/logical-type";
import { printRow } from "./print-format";
import { printPrefix } from "./print-sink";

describe("print connector output (Row#toString of the external row)", () => {
  it("renders kinds and Java toString of each field", () => {
    expect(printRow("+I", [1, "a"], [T.int(), T.string()])).toBe("+I[1, a]");
    expect(printRow("-U", [null, 2n, true], [T.int(), T.bigint(), T.boolean()])).toBe(
      "-U[null, 2, true]",
    );
    expect(printRow("+I", [1, Math.fround(0.1)], [T.double(), T.float()])).toBe("+I[1.0, 0.1]");
    expect(
      printRow(
        "+I",
        [new Decimal(123n, 2), new Decimal(1n, 8)],
        [T.decimal(10, 2), T.decimal(10, 8)],
      ),
    ).toBe("+I[1.23, 1E-8]");
  });

  it("renders java.time values as LocalDate/LocalTime/LocalDateTime/Instant do", () => {
    const day = 18262; // 2020-01-01
    const noon = day * 86_400_000 + 12 * 3_600_000;
    expect(
      printRow(
        "+I",
        [
          day,
          12 * 3_600_000,
          12 * 3_600_000 + 1500,
          new Timestamp(noon),
          new Timestamp(noon + 1, 500_000),
          new Timestamp(noon),
        ],
        [T.date(), T.time(), T.time(3), T.timestamp(3), T.timestamp(9), T.timestampLtz(3)],
      ),
    ).toBe(
      "+I[2020-01-01, 12:00, 12:00:01.500, 2020-01-01T12:00, 2020-01-01T12:00:00.001500, 2020-01-01T12:00:00Z]",
    );
  });

  it("renders bytes as signed Java bytes, arrays, maps and nested rows", () => {
    expect(
      printRow(
        "+I",
        [new Uint8Array([1, 255]), ["x", null], new MapValue([["k", 1]]), [1, "n"]],
        [
          T.bytes(),
          T.array(T.string()),
          T.map(T.string(), T.int()),
          T.row([
            { name: "a", type: T.int() },
            { name: "b", type: T.string() },
          ]),
        ],
      ),
    ).toBe("+I[[1, -1], [x, null], {k=1}, +I[1, n]]");
  });

  it("prefixes like PrintSinkOutputWriter", () => {
    expect(printPrefix(undefined, 0, 1)).toBe("");
    expect(printPrefix("id", 0, 1)).toBe("id> ");
    expect(printPrefix("id", 2, 4)).toBe("id:3> ");
    expect(printPrefix(undefined, 1, 2)).toBe("2> ");
  });
});
