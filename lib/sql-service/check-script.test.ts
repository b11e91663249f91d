import { describe, expect, it } from "vitest";
import { explainScript } from "./check-script";

const SQL = `CREATE TABLE gen (id BIGINT) WITH ('connector' = 'datagen');
CREATE TABLE dst (id BIGINT) WITH ('connector' = 'kafka', 'topic' = 't',
  'properties.bootstrap.servers' = 'b:9092', 'format' = 'csv', 'sink.partitioner' = 'Last');
INSERT INTO dst SELECT id FROM gen;`;

describe("explainScript", () => {
  it("says in the plan that a JavaScript partitioner keeps the job off Flink", () => {
    const js = explainScript(SQL, { partitionerClasses: ["Last"], jsPartitionerClasses: ["Last"] });
    expect(js.engine).toBe("embedded");
    expect(js.plan).toContain("'Last' is a JavaScript partitioner");
    const onFlink = explainScript(SQL, {
      partitionerClasses: ["Last"],
      jsPartitionerClasses: ["Last"],
      engine: "flink",
    });
    expect(onFlink.engine).toBeUndefined();
    expect(onFlink.plan).toContain("== Engine ==\nnone: The Flink engine cannot run this script");
    const jar = explainScript(SQL, { partitionerClasses: ["Last"], engine: "flink" });
    expect(jar.engine).toBe("flink");
  });
});
