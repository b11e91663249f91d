import { describe, expect, it } from "vitest";
import { validateScript } from "./validate";

const DDL = (extra: string) =>
  `CREATE TABLE s (a STRING) WITH (\n  'connector' = 'kafka', 'topic' = 't', 'properties.bootstrap.servers' = 'k:9092', 'format' = 'csv'${extra}\n);`;
const shown = (sql: string, attached?: string[]) =>
  validateScript(sql, { attachedPartitionerClasses: attached }).diagnostics.map(
    (d) => `${d.severity} ${d.line}:${d.column}-${d.endColumn} ${d.message.split("\n")[0]}`,
  );

describe("a table no statement uses", () => {
  it("has its custom partitioner resolved against the attached classes, on the value", () => {
    const sql = DDL(",\n  'sink.partitioner' = 'com.acme.Nope'");
    expect(shown(sql, ["com.acme.Hash"])).toEqual([
      "error 3:24-39 Could not find and instantiate partitioner class 'com.acme.Nope'. Did you mean 'com.acme.Hash'?",
    ]);
    expect(shown(sql, ["com.acme.Nope"])).toEqual([]);
    // Resources unknown (the editor before the job's attachments load): the class is taken as given.
    expect(shown(sql)).toEqual([]);
  });

  it("reports what an INSERT into it would report, at the same positions", () => {
    const bad = DDL(",\n  'sink.semantic' = 'exactly-twice'");
    const alone = shown(bad);
    const used = shown(`${bad}\nINSERT INTO s VALUES ('x');`);
    expect(alone.length).toBeGreaterThan(0);
    expect(used).toEqual(alone);
  });

  it("withholds role-placement warnings, since its role is a guess", () => {
    expect(
      shown(DDL(",\n  'properties.group.id' = 'g', 'scan.startup.mode' = 'earliest-offset'")),
    ).toEqual([]);
    // Once written to, the source-only options are pointed out.
    expect(
      shown(
        `${DDL(",\n  'properties.group.id' = 'g', 'scan.startup.mode' = 'earliest-offset'")}\nINSERT INTO s VALUES ('x');`,
      ).filter((d) => d.startsWith("warning")),
    ).toHaveLength(2);
  });
});
