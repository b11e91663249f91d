import { describe, expect, it } from "vitest";
import type * as A from "./ast";
import { parseDataTypeText, parseScript } from "./parser";
import { typeToString } from "@/lib/types/logical-type";

function ok(sql: string): A.Statement[] {
  const r = parseScript(sql);
  expect(r.diagnostics).toEqual([]);
  return r.script.statements;
}

function firstError(sql: string) {
  const r = parseScript(sql);
  expect(r.diagnostics.length).toBeGreaterThan(0);
  return r.diagnostics[0];
}

const typeOf = (s: string) => {
  const r = parseDataTypeText(s);
  expect(r.diagnostics).toEqual([]);
  return typeToString(r.type!);
};

describe("data types", () => {
  it("applies Flink's defaults", () => {
    expect(typeOf("DECIMAL")).toBe("DECIMAL(10, 0)");
    expect(typeOf("NUMERIC(5)")).toBe("DECIMAL(5, 0)");
    expect(typeOf("TIMESTAMP")).toBe("TIMESTAMP(6)");
    expect(typeOf("TIME")).toBe("TIME(0)");
    expect(typeOf("VARCHAR")).toBe("VARCHAR(1)");
    expect(typeOf("CHAR")).toBe("CHAR(1)");
    expect(typeOf("STRING NOT NULL")).toBe("STRING NOT NULL");
    expect(typeOf("BYTES")).toBe("BYTES");
  });

  it("spells local time zone timestamps as TIMESTAMP_LTZ", () => {
    expect(typeOf("TIMESTAMP(3) WITH LOCAL TIME ZONE")).toBe("TIMESTAMP_LTZ(3)");
    expect(typeOf("TIMESTAMP_LTZ")).toBe("TIMESTAMP_LTZ(6)");
    expect(typeOf("TIMESTAMP(9) WITHOUT TIME ZONE")).toBe("TIMESTAMP(9)");
  });

  it("parses collection and row types in both notations", () => {
    expect(typeOf("ARRAY<INT NOT NULL>")).toBe("ARRAY<INT NOT NULL>");
    expect(typeOf("INT ARRAY")).toBe("ARRAY<INT>");
    expect(typeOf("STRING MULTISET NOT NULL")).toBe("MULTISET<STRING> NOT NULL");
    expect(typeOf("MAP<STRING, BYTES>")).toBe("MAP<STRING, BYTES>");
    expect(typeOf("ROW<a INT, b STRING 'desc'>")).toBe("ROW<`a` INT, `b` STRING>");
    expect(typeOf("ROW(a INT, b ARRAY<ROW<c DOUBLE>>)")).toBe(
      "ROW<`a` INT, `b` ARRAY<ROW<`c` DOUBLE>>>",
    );
  });

  it("lowers precisions above the type system's maximum, as Calcite's type factory does", () => {
    const clamp = (text: string) => {
      const { diagnostics, type } = parseDataTypeText(text);
      return [typeToString(type!), ...diagnostics.map((d) => `${d.severity}: ${d.message}`)];
    };
    expect(clamp("DECIMAL(39, 2)")).toEqual([
      "DECIMAL(38, 2)",
      "warning: DECIMAL(39, 2) is taken as DECIMAL(38, 2): Flink's type system caps the precision of DECIMAL at 38.",
    ]);
    expect(clamp("TIMESTAMP(10)")[0]).toBe("TIMESTAMP(9)");
    expect(clamp("TIMESTAMP_LTZ(12)")[0]).toBe("TIMESTAMP_LTZ(9)");
    expect(clamp("TIME(6)")[0]).toBe("TIME(3)");
    for (const fine of ["DECIMAL(38, 18)", "TIMESTAMP(9)", "TIME(3)", "TIMESTAMP_LTZ(0)"])
      expect(clamp(fine)).toEqual([fine]);
  });

  it("rejects what is out of range after clamping with Flink's messages", () => {
    expect(parseDataTypeText("DECIMAL(5, 6)").diagnostics[0].message).toBe(
      "Decimal scale must be between 0 and the precision 5 (both inclusive).",
    );
    expect(
      parseDataTypeText("DECIMAL(40, 39)").diagnostics.find((d) => d.severity === "error")?.message,
    ).toBe("Decimal scale must be between 0 and the precision 38 (both inclusive).");
    expect(parseDataTypeText("VARCHAR(0)").diagnostics[0].message).toBe(
      "Variable character string length must be between 1 and 2147483647 (both inclusive).",
    );
  });
});

describe("CREATE TABLE", () => {
  it("parses every kind of column, watermark, key, comment and options", () => {
    const [s] = ok(`CREATE TEMPORARY TABLE IF NOT EXISTS cat.db.t (
      id BIGINT NOT NULL,
      name STRING COMMENT 'the name',
      \`partition\` INT METADATA VIRTUAL,
      ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp',
      total AS price * qty,
      price DECIMAL(10, 2), qty INT,
      WATERMARK FOR ts AS ts - INTERVAL '5' SECOND,
      PRIMARY KEY (id) NOT ENFORCED
    ) COMMENT 'orders' WITH ('connector' = 'kafka', 'topic' = 'a;b')`);
    const t = s as A.CreateTableStmt;
    expect(t.kind).toBe("CreateTable");
    expect(t.temporary && t.ifNotExists).toBe(true);
    expect(t.name.parts.map((p) => p.value)).toEqual(["cat", "db", "t"]);
    expect(t.columns.map((c) => `${c.name.value}:${c.kind}`)).toEqual([
      "id:physical",
      "name:physical",
      "partition:metadata",
      "ts:metadata",
      "total:computed",
      "price:physical",
      "qty:physical",
    ]);
    const part = t.columns[2] as A.MetadataColumnDef;
    expect(part.virtual).toBe(true);
    expect(part.key).toBeUndefined();
    expect((t.columns[3] as A.MetadataColumnDef).key?.value).toBe("timestamp");
    expect(t.watermark?.column.value).toBe("ts");
    expect(t.primaryKey?.columns.map((c) => c.value)).toEqual(["id"]);
    expect(t.comment?.value).toBe("orders");
    expect(t.options.map((o) => [o.key, o.value])).toEqual([
      ["connector", "kafka"],
      ["topic", "a;b"],
    ]);
    expect(t.options[1].valueSpan).toEqual({ line: 10, column: 63, endLine: 10, endColumn: 68 });
  });

  it("accepts a column-level primary key", () => {
    const [s] = ok(
      "CREATE TABLE t (id INT PRIMARY KEY NOT ENFORCED, v STRING) WITH ('connector'='print')",
    );
    expect((s as A.CreateTableStmt).primaryKey?.columns[0].value).toBe("id");
  });

  it("requires NOT ENFORCED on primary keys", () => {
    const d = firstError("CREATE TABLE t (id INT, PRIMARY KEY (id)) WITH ('connector'='print')");
    expect(d.message).toContain("NOT ENFORCED");
    expect(d.column).toBe(41);
  });

  it("points at a reserved word used as a column name", () => {
    const d = firstError(
      "CREATE TABLE t (\n  timestamp TIMESTAMP(3)\n) WITH ('connector'='print')",
    );
    expect(d.line).toBe(2);
    expect(d.column).toBe(3);
    expect(d.message).toContain('Encountered "timestamp" at line 2, column 3');
    expect(d.message).toContain("quote it as `timestamp`");
  });

  it("requires quoted option keys", () => {
    const d = firstError("CREATE TABLE t (a INT) WITH (connector = 'kafka')");
    expect(d.message).toBe(
      'Encountered "connector" at line 1, column 30. Was expecting one of: a quoted option key such as \'connector\', ")"',
    );
    expect(d.column).toBe(30);
  });
});

describe("statements", () => {
  it("parses SET, RESET, views, statement sets and EXPLAIN", () => {
    const ss = ok(`SET 'parallelism.default' = '2';
      SET;
      RESET 'parallelism.default';
      RESET;
      CREATE TEMPORARY VIEW v AS SELECT a FROM t;
      BEGIN STATEMENT SET;
        INSERT INTO s1 SELECT * FROM v;
        INSERT INTO s2 VALUES (1, 'a'), (2, 'b');
      END;
      EXECUTE STATEMENT SET BEGIN INSERT INTO s1 SELECT a FROM t; END;
      EXPLAIN INSERT INTO s1 SELECT a FROM t`);
    expect(ss.map((s) => s.kind)).toEqual([
      "Set",
      "Set",
      "Reset",
      "Reset",
      "CreateView",
      "StatementSet",
      "StatementSet",
      "Explain",
    ]);
    expect((ss[0] as A.SetStmt).value?.value).toBe("2");
    expect((ss[5] as A.StatementSetStmt).inserts.length).toBe(2);
    const values = (ss[5] as A.StatementSetStmt).inserts[1].query as A.ValuesQuery;
    expect(values.rows.length).toBe(2);
  });

  it("parses INSERT with a column list", () => {
    const [s] = ok("INSERT INTO t (a, b) SELECT x, y FROM u");
    expect((s as A.InsertStmt).columns?.map((c) => c.value)).toEqual(["a", "b"]);
  });

  it("catches a forgotten ';' between statements and keeps parsing", () => {
    const r = parseScript(
      "CREATE TABLE a (x INT) WITH ('connector' = 'datagen')\nINSERT INTO b SELECT x FROM a;\nSELECT FROM;",
    );
    expect(r.diagnostics[0].line).toBe(2);
    expect(r.diagnostics[0].column).toBe(1);
    expect(r.diagnostics[0].message).toContain(
      'Encountered "INSERT" at line 2, column 1. Was expecting ";"',
    );
    expect(r.script.statements.map((s) => s.kind)).toEqual(["CreateTable", "Insert"]);
    expect(r.diagnostics[1].line).toBe(3);
  });

  it("says what was expected after an incomplete statement", () => {
    const d = firstError("INSERT INTO t SELECT a FROM");
    expect(d.message).toBe(
      'Encountered "<EOF>" at line 1, column 28. Was expecting one of: an identifier, "(", "TABLE", "UNNEST"',
    );
  });

  it("requires ';' after each INSERT of a statement set", () => {
    const d = firstError("BEGIN STATEMENT SET;\nINSERT INTO a SELECT 1\nEND;");
    expect(d.line).toBe(3);
    expect(d.message).toContain('every INSERT in a statement set ends with ";"');
  });
});

describe("queries and expressions", () => {
  const expr = (e: string): A.Expr => {
    const [s] = ok(`SELECT ${e} FROM t`);
    const item = ((s as A.QueryStmt).query as A.SelectQuery).items[0];
    return (item as { expr: A.Expr }).expr;
  };

  it("gives AND precedence over OR and * over +", () => {
    const e = expr("a OR b AND c") as A.BinaryExpr;
    expect(e.op).toBe("OR");
    expect((e.right as A.BinaryExpr).op).toBe("AND");
    const m = expr("1 + 2 * 3") as A.BinaryExpr;
    expect(m.op).toBe("+");
    expect((m.right as A.BinaryExpr).op).toBe("*");
  });

  it("parses predicates", () => {
    expect(expr("a IS NOT NULL").kind).toBe("Is");
    expect((expr("a NOT BETWEEN 1 AND 2") as A.BetweenExpr).negated).toBe(true);
    expect((expr("a NOT IN (1, 2)") as A.InListExpr).list.length).toBe(2);
    expect((expr("a LIKE 'x%'") as A.LikeExpr).kind).toBe("Like");
    expect((expr("a IS FALSE") as A.IsExpr).test).toBe("FALSE");
  });

  it("parses CAST, CASE, constructors, special calls and literals", () => {
    const c = expr("TRY_CAST(a AS DECIMAL(5, 2))") as A.CastExpr;
    expect(c.tryCast).toBe(true);
    expect(typeToString(c.target.type)).toBe("DECIMAL(5, 2)");
    expect((expr("CASE a WHEN 1 THEN 'x' ELSE 'y' END") as A.CaseExpr).operand?.kind).toBe(
      "Column",
    );
    expect((expr("CASE WHEN a > 1 THEN 'x' END") as A.CaseExpr).whens.length).toBe(1);
    expect((expr("MAP['a', 1, 'b', 2]") as A.ConstructorExpr).args.length).toBe(4);
    expect((expr("ARRAY[1, 2]") as A.ConstructorExpr).ctor).toBe("ARRAY");
    expect((expr("ROW(1, 'a')") as A.ConstructorExpr).ctor).toBe("ROW");
    const trim = expr("TRIM(LEADING 'x' FROM s)") as A.CallExpr;
    expect([trim.trimMode, trim.args.length]).toEqual(["LEADING", 2]);
    expect((expr("SUBSTRING(s FROM 2 FOR 3)") as A.CallExpr).args.length).toBe(3);
    expect((expr("COUNT(*)") as A.CallExpr).args[0].kind).toBe("StarArg");
    expect((expr("COUNT(DISTINCT a)") as A.CallExpr).distinct).toBe(true);
    expect((expr("CURRENT_TIMESTAMP") as A.CallExpr).niladic).toBe(true);
    const iv = expr("INTERVAL '5' MINUTE") as A.IntervalLiteral;
    expect([iv.value, iv.unit]).toEqual(["5", "MINUTE"]);
    expect((expr("DATE '2024-01-02'") as A.TypedLiteral).type).toBe("DATE");
    expect((expr("-5") as A.NumberLiteral).text).toBe("-5");
    expect((expr("a[1]") as A.IndexExpr).kind).toBe("Index");
    expect((expr("t.a.b") as A.ColumnRef).names.length).toBe(3);
    expect((expr("'a' || 'b'") as A.BinaryExpr).op).toBe("||");
    expect((expr("a != b") as A.BinaryExpr).op).toBe("<>");
  });

  it("parses window table functions with positional and named arguments", () => {
    const [s] = ok(
      "SELECT window_start, COUNT(*) FROM TABLE(HOP(TABLE t, DESCRIPTOR(ts), INTERVAL '1' MINUTE, INTERVAL '5' MINUTE)) GROUP BY window_start, window_end",
    );
    const from = ((s as A.QueryStmt).query as A.SelectQuery).from as A.WindowTvfRef;
    expect(from.fn).toBe("HOP");
    expect(from.descriptor.value).toBe("ts");
    expect(from.args.length).toBe(2);
    const [n] = ok(
      "SELECT * FROM TABLE(TUMBLE(DATA => TABLE t, TIMECOL => DESCRIPTOR(ts), SIZE => INTERVAL '1' HOUR))",
    );
    expect((((n as A.QueryStmt).query as A.SelectQuery).from as A.WindowTvfRef).args.length).toBe(
      1,
    );
  });

  it("parses aliases with and without AS, t.* and subqueries", () => {
    const [s] = ok("SELECT t.*, a AS x, b y FROM (SELECT * FROM u) AS t WHERE a > 1");
    const q = (s as A.QueryStmt).query as A.SelectQuery;
    expect(q.items[0].kind).toBe("Star");
    expect((q.items[1] as { alias?: A.Identifier }).alias?.value).toBe("x");
    expect((q.items[2] as { alias?: A.Identifier }).alias?.value).toBe("y");
    expect(q.from?.kind).toBe("Subquery");
  });

  it("parses joins left-deep, with their types and conditions", () => {
    const [s] = ok(
      "SELECT * FROM a JOIN b ON a.x = b.x LEFT OUTER JOIN c ON TRUE, d CROSS JOIN UNNEST(d.t) AS u (v);",
    );
    const q = (s as A.QueryStmt).query as A.SelectQuery;
    const kinds: string[] = [];
    let f = q.from!;
    while (f.kind === "Join") {
      kinds.push(`${f.joinType}${f.on ? "+on" : ""}:${f.right.kind}`);
      f = f.left;
    }
    expect(kinds).toEqual([
      "INNER:Unnest",
      "INNER:TableRef",
      "LEFT+on:TableRef",
      "INNER+on:TableRef",
    ]);
  });

  it("asks for ON or USING after JOIN, and parses NATURAL JOIN and USING (…)", () => {
    expect(firstError("SELECT * FROM a JOIN b").message).toContain('Was expecting one of: "ON"');
    const natural = parseScript("SELECT * FROM a NATURAL LEFT JOIN b");
    expect(natural.diagnostics).toEqual([]);
    const using = parseScript("SELECT * FROM a JOIN b USING (x, y)");
    expect(using.diagnostics).toEqual([]);
    expect(firstError("SELECT * FROM a JOIN b USING x").message).toContain('"("');
  });
});

describe("ADD JAR", () => {
  it("names a local JAR for the job, as Flink SQL does", () => {
    const parsed = parseScript(
      "ADD JAR '/opt/partitioners.jar';\nSET 'a' = 'b';\nADD JAR 'b.jar';",
    );
    expect(parsed.script?.statements.map((s) => s.kind)).toEqual(["AddJar", "Set", "AddJar"]);
    const first = parsed.script?.statements[0] as A.AddJarStmt;
    expect(first.path.value).toBe("/opt/partitioners.jar");
  });

  it("wants the path quoted", () => {
    const parsed = parseScript("ADD JAR x.jar;");
    expect(parsed.diagnostics.map((d) => d.message)).toEqual([
      `Encountered "x" at line 1, column 9. Was expecting the JAR's path in single quotes (write ADD JAR '/path/to/partitioner.jar')`,
    ]);
  });
});

describe("type parameter errors", () => {
  it("are reported once, also for a type inside ARRAY or MULTISET", () => {
    for (const text of ["DECIMAL(5, 6)", "VARCHAR(0)", "CHAR(0) ARRAY", "DECIMAL(5, 6) MULTISET"]) {
      const errors = parseDataTypeText(text).diagnostics.filter((d) => d.severity === "error");
      expect(errors, text).toHaveLength(1);
    }
  });
});
