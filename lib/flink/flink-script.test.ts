import { describe, expect, it } from "vitest";
import { gatewayScript } from "./flink-script";

describe("gatewayScript", () => {
  it("keeps DDL and SETs in order and submits one INSERT as it is", () => {
    const s = gatewayScript(`SET 'pipeline.name' = 'x';
CREATE TABLE a (id INT) WITH ('connector' = 'datagen');
CREATE TABLE b (id INT) WITH ('connector' = 'blackhole');
EXPLAIN INSERT INTO b SELECT id FROM a;
INSERT INTO b
  SELECT id FROM a;`);
    expect(s.setup).toEqual([
      "SET 'pipeline.name' = 'x'",
      "CREATE TABLE a (id INT) WITH ('connector' = 'datagen')",
      "CREATE TABLE b (id INT) WITH ('connector' = 'blackhole')",
    ]);
    expect(s.submit).toBe("INSERT INTO b\n  SELECT id FROM a");
  });

  it("submits several INSERTs (alone or in a BEGIN STATEMENT SET) as one EXECUTE STATEMENT SET", () => {
    const s = gatewayScript(`CREATE TABLE a (id INT) WITH ('connector' = 'datagen');
CREATE TABLE b (id INT) WITH ('connector' = 'blackhole');
BEGIN STATEMENT SET;
INSERT INTO b SELECT id FROM a;
INSERT INTO b SELECT id + 1 FROM a;
END;`);
    expect(s.submit).toBe(
      "EXECUTE STATEMENT SET\nBEGIN\nINSERT INTO b SELECT id FROM a;\nINSERT INTO b SELECT id + 1 FROM a;\nEND",
    );
  });

  it("refuses a script without INSERT", () => {
    expect(() => gatewayScript("CREATE TABLE a (id INT) WITH ('connector' = 'datagen');")).toThrow(
      /no INSERT INTO/,
    );
  });
});
