import { describe, expect, it } from "vitest";
import { Catalog } from "./catalog";
import { evaluate, EvalError, type EvalContext } from "./evaluate";
import { parseScript } from "./parser";
import type { QueryStmt } from "./ast";
import type { Calc } from "./rel";
import { Decimal, Timestamp, typeToString } from "@/lib/types/logical-type";

const NOW = Date.UTC(2024, 2, 15, 10, 30, 45, 123);
const utc: EvalContext = { localTimeZone: "UTC", now: () => NOW };

function compile(expr: string) {
  const { script, diagnostics } = parseScript(`SELECT ${expr}`);
  expect(diagnostics).toEqual([]);
  const rel = new Catalog().analyzer.query((script.statements[0] as QueryStmt).query) as Calc;
  return rel.projects[0];
}
const run = (expr: string, ctx: EvalContext = utc) => evaluate(compile(expr), [], ctx);
const typeOf = (expr: string) => typeToString(compile(expr).type);

describe("arithmetic", () => {
  it("wraps integer overflow like Java and truncates integer division", () => {
    expect(run("2147483647 + 1")).toBe(-2147483648);
    expect(run("CAST(127 AS TINYINT) + CAST(1 AS TINYINT)")).toBe(-128);
    expect(run("9223372036854775807 + 1")).toBe(-9223372036854775808n);
    expect(run("7 / 2")).toBe(3);
    expect(run("-7 / 2")).toBe(-3);
    expect(run("-7 % 3")).toBe(-1);
    expect(() => run("1 / 0")).toThrow("/ by zero");
  });

  it("types and computes DECIMAL results with Flink's precision rules", () => {
    expect(typeOf("1.10 + 2.205")).toBe("DECIMAL(5, 3) NOT NULL");
    expect((run("1.10 + 2.205") as Decimal).toString()).toBe("3.305");
    expect(typeOf("1.5 * 2.25")).toBe("DECIMAL(6, 3) NOT NULL");
    expect((run("1.5 * 2.25") as Decimal).toString()).toBe("3.375");
    expect(typeOf("CAST(1 AS DECIMAL(10, 2)) / 3")).toBe("DECIMAL(21, 13) NOT NULL");
    expect((run("CAST(1 AS DECIMAL(10, 2)) / 3") as Decimal).toString()).toBe("0.3333333333333");
    expect((run("CAST(2 AS DECIMAL(10, 2)) / 3") as Decimal).toString()).toBe("0.6666666666667");
    expect(typeOf("CAST(1 AS DECIMAL(38, 10)) * CAST(1 AS DECIMAL(38, 10))")).toBe(
      "DECIMAL(38, 6) NOT NULL",
    );
  });

  it("propagates NULL", () => {
    expect(run("1 + CAST(NULL AS INT)")).toBeNull();
    expect(run("UPPER(CAST(NULL AS STRING))")).toBeNull();
  });

  it("uses three-valued logic", () => {
    expect(run("CAST(NULL AS BOOLEAN) AND FALSE")).toBe(false);
    expect(run("CAST(NULL AS BOOLEAN) OR TRUE")).toBe(true);
    expect(run("CAST(NULL AS BOOLEAN) AND TRUE")).toBeNull();
    expect(run("2 IN (1, CAST(NULL AS INT))")).toBeNull();
    expect(run("1 IN (1, CAST(NULL AS INT))")).toBe(true);
    expect(run("CAST(NULL AS INT) IS NULL")).toBe(true);
  });
});

describe("CAST", () => {
  it("fails on a bad string but TRY_CAST yields NULL", () => {
    expect(() => run("CAST('abc' AS INT)")).toThrow(EvalError);
    expect(() => run("CAST('abc' AS INT)")).toThrow('For input string: "abc"');
    expect(run("TRY_CAST('abc' AS INT)")).toBeNull();
    expect(run("CAST(' 42 ' AS INT)")).toBe(42);
    expect(run("CAST('1.9' AS INT)")).toBe(1);
    expect(run("CAST('3000000000' AS BIGINT)")).toBe(3000000000n);
    expect(() => run("CAST('3000000000' AS INT)")).toThrow(EvalError);
  });

  it("narrows numbers like Java casts", () => {
    expect(run("CAST(300 AS TINYINT)")).toBe(44);
    expect(run("CAST(1.9E0 AS INT)")).toBe(1);
    expect(run("CAST(-1.9E0 AS INT)")).toBe(-1);
    expect((run("CAST(1.255 AS DECIMAL(4, 2))") as Decimal).toString()).toBe("1.26");
    expect(run("CAST(123.45 AS DECIMAL(3, 1))")).toBeNull();
  });

  it("prints values as Flink does", () => {
    expect(run("CAST(TRUE AS STRING)")).toBe("TRUE");
    expect(run("CAST(1.0E10 AS STRING)")).toBe("1.0E10");
    expect(run("CAST(0.1E0 AS STRING)")).toBe("0.1");
    expect(run("CAST(CAST(0.1 AS FLOAT) AS STRING)")).toBe("0.1");
    expect(run("CAST(1.50 AS STRING)")).toBe("1.50");
    expect(run("CAST(TIMESTAMP '2024-01-02 03:04:05.5' AS STRING)")).toBe("2024-01-02 03:04:05.5");
    expect(run("CAST(DATE '2024-02-29' AS STRING)")).toBe("2024-02-29");
    expect(run("CAST('abcdef' AS VARCHAR(3))")).toBe("abc");
    expect(run("CAST('ab' AS CHAR(4))")).toBe("ab  ");
  });

  it("parses booleans, dates and timestamps", () => {
    expect(run("CAST('yes' AS BOOLEAN)")).toBe(true);
    expect(run("CAST('2024-01-02' AS DATE)")).toBe(19724);
    expect(run("CAST('2024-01-02 00:00:01' AS TIMESTAMP(3))")).toEqual(
      new Timestamp(Date.UTC(2024, 0, 2, 0, 0, 1)),
    );
  });
});

describe("string functions", () => {
  it("implement Flink's semantics", () => {
    expect(run("UPPER('abc')")).toBe("ABC");
    expect(run("TRIM('  a  ')")).toBe("a");
    expect(run("TRIM(LEADING 'x' FROM 'xxaxx')")).toBe("axx");
    expect(run("CONCAT('a', 'b', 'c')")).toBe("abc");
    expect(run("CONCAT('a', CAST(NULL AS STRING))")).toBeNull();
    expect(run("CONCAT_WS('-', 'a', CAST(NULL AS STRING), 'b')")).toBe("a-b");
    expect(run("SUBSTRING('hello' FROM 2 FOR 3)")).toBe("ell");
    expect(run("SUBSTR('hello', -3)")).toBe("llo");
    expect(run("SUBSTRING('hello', 0, 2)")).toBe("he");
    expect(run("REPLACE('a.b.c', '.', '/')")).toBe("a/b/c");
    expect(run("CHAR_LENGTH('héllo')")).toBe(5);
    expect(run("CHR(65)")).toBe("A");
    expect(run("REGEXP_EXTRACT('foo123bar', '([a-z]+)(\\d+)', 2)")).toBe("123");
    expect(run("REGEXP_EXTRACT('abc', 'x')")).toBeNull();
    expect(run("SPLIT_INDEX('a,b,c', ',', 1)")).toBe("b");
    expect(run("SPLIT_INDEX('a,b,c', ',', 5)")).toBeNull();
    expect(run("'a' || 'b'")).toBe("ab");
    expect(run("'abc' LIKE 'a_c'")).toBe(true);
    expect(run("'a%c' LIKE 'a!%c' ESCAPE '!'")).toBe(true);
    expect(run("JSON_VALUE('{\"a\":{\"b\":[1,2]}}', '$.a.b[1]')")).toBe("2");
    expect(run("JSON_VALUE('{\"a\":1}', '$.x')")).toBeNull();
  });
});

describe("date and time functions", () => {
  it("formats and parses with Java patterns in the session time zone (UTC by default)", () => {
    expect(run("DATE_FORMAT(TIMESTAMP '2024-03-05 07:08:09', 'yyyy/MM/dd HH:mm:ss')")).toBe(
      "2024/03/05 07:08:09",
    );
    expect(run("DATE_FORMAT(TIMESTAMP '2024-03-05 07:08:09.123', 'yy-M-d h:mm a SSS')")).toBe(
      "24-3-5 7:08 AM 123",
    );
    expect(run("TO_TIMESTAMP('2024-03-05 07:08:09')")).toEqual(
      new Timestamp(Date.UTC(2024, 2, 5, 7, 8, 9)),
    );
    expect(run("TO_TIMESTAMP('05/03/2024', 'dd/MM/yyyy')")).toEqual(
      new Timestamp(Date.UTC(2024, 2, 5)),
    );
    expect(run("TO_TIMESTAMP('garbage')")).toBeNull();
    expect(run("UNIX_TIMESTAMP('1970-01-01 00:01:40')")).toBe(100n);
    expect(run("UNIX_TIMESTAMP('not a date')")).toBe(-9223372036854775808n);
    expect(run("FROM_UNIXTIME(100)")).toBe("1970-01-01 00:01:40");
    expect(run("TO_TIMESTAMP_LTZ(1700000000, 0)")).toEqual(new Timestamp(1700000000000));
    expect(run("TO_TIMESTAMP_LTZ(1700000000123, 3)")).toEqual(new Timestamp(1700000000123));
  });

  it("honours table.local-time-zone", () => {
    const shanghai: EvalContext = { localTimeZone: "Asia/Shanghai", now: () => NOW };
    expect(run("UNIX_TIMESTAMP('1970-01-01 08:00:00')", shanghai)).toBe(0n);
    expect(run("FROM_UNIXTIME(0)", shanghai)).toBe("1970-01-01 08:00:00");
    expect(run("LOCALTIMESTAMP", shanghai)).toEqual(new Timestamp(NOW + 8 * 3600_000));
    expect(run("CAST(TO_TIMESTAMP_LTZ(0, 0) AS STRING)", shanghai)).toBe("1970-01-01 08:00:00.000");
  });

  it("returns the current instant for CURRENT_TIMESTAMP and adds intervals", () => {
    expect(run("CURRENT_TIMESTAMP")).toEqual(new Timestamp(NOW));
    expect(run("TIMESTAMP '2024-01-31 00:00:00' + INTERVAL '1' MONTH")).toEqual(
      new Timestamp(Date.UTC(2024, 1, 29)),
    );
    expect(run("TIMESTAMP '2024-01-01 00:00:00' - INTERVAL '1:30' HOUR TO MINUTE")).toEqual(
      new Timestamp(Date.UTC(2023, 11, 31, 22, 30)),
    );
  });
});

describe("math and conditional functions", () => {
  it("computes them with Flink's types", () => {
    expect(run("ABS(-5)")).toBe(5);
    expect(run("MOD(7, 3)")).toBe(1);
    expect((run("ROUND(2.345, 2)") as Decimal).toString()).toBe("2.35");
    expect(typeOf("ROUND(2.345, 2)")).toBe("DECIMAL(4, 2) NOT NULL");
    expect(run("ROUND(2.5E0)")).toBe(3);
    expect((run("FLOOR(-1.5)") as Decimal).toString()).toBe("-2");
    expect((run("CEIL(1.2)") as Decimal).toString()).toBe("2");
    expect(run("COALESCE(CAST(NULL AS INT), 2, 3)")).toBe(2);
    expect(typeOf("COALESCE(CAST(NULL AS INT), 2)")).toBe("INT NOT NULL");
    expect(run("IFNULL(CAST(NULL AS STRING), 'x')")).toBe("x");
    expect(run("NULLIF(1, 1)")).toBeNull();
    expect(run("CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' END")).toBe("two");
    expect(run("CASE WHEN 1 > 2 THEN 'a' ELSE 'bb' END")).toBe("bb");
    expect(typeOf("CASE WHEN 1 > 2 THEN 'a' ELSE 'bb' END")).toBe("VARCHAR(2) NOT NULL");
    expect(run("ARRAY[1, 2, 3][2]")).toBe(2);
    expect(run("MAP['a', 1]['a']")).toBe(1);
    expect(run("5 BETWEEN 1 AND 10")).toBe(true);
  });
});
