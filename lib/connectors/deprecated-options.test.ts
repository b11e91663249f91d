/**
 * A deprecated option validates with Flink's warning on its key — whichever role the table
 * plays — and the warning comes from the option's declaration (its `deprecated`), not from a
 * check of its own.
 */
import { describe, expect, it } from "vitest";
import { validateScript } from "@/lib/sql/validate";
import { SINK_SEMANTIC } from "./kafka/kafka-options";

const TABLE = (
  role: "source" | "sink",
  extra: string,
) => `CREATE TABLE t (id INT, name STRING) WITH (
  'connector' = 'kafka',
  'topic' = 't',
  'properties.bootstrap.servers' = 'localhost:9092',${role === "source" ? "\n  'properties.group.id' = 'g'," : ""}
  'format' = 'csv'${extra}
);
${role === "sink" ? "INSERT INTO t VALUES (1, 'a');" : "CREATE TABLE bh (id INT, name STRING) WITH ('connector' = 'blackhole');\nINSERT INTO bh SELECT * FROM t;"}`;

function warningsOn(sql: string, key: string) {
  const line = sql.split("\n").findIndex((l) => l.includes(`'${key}'`)) + 1;
  return validateScript(sql)
    .diagnostics.filter((d) => d.severity === "warning" && d.line === line)
    .map((d) => ({ message: d.message, column: d.column }));
}

describe("a deprecated option", () => {
  it("is warned about on its key, with what replaces it, when written to", () => {
    const sql = TABLE("sink", ",\n  'sink.semantic' = 'at-least-once'");
    expect(warningsOn(sql, "sink.semantic")).toEqual([
      {
        message:
          "sink.semantic is deprecated and will be removed. Please use sink.delivery-guarantee instead.",
        column: 3,
      },
    ]);
    expect(SINK_SEMANTIC.deprecated?.replacedBy).toBe("sink.delivery-guarantee");
  });

  it("is warned about when read as well, besides the option not applying there", () => {
    const sql = TABLE("source", ",\n  'sink.semantic' = 'at-least-once'");
    expect(warningsOn(sql, "sink.semantic").map((w) => w.message)).toEqual([
      "'sink.semantic' only applies when the table is written to (a sink); it has no effect when 'default_catalog.default_database.t' is read.",
      "sink.semantic is deprecated and will be removed. Please use sink.delivery-guarantee instead.",
    ]);
  });

  it("is not warned about when its replacement is used", () => {
    const sql = TABLE("sink", ",\n  'sink.delivery-guarantee' = 'at-least-once'");
    expect(validateScript(sql).diagnostics).toEqual([]);
  });
});
