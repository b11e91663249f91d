import { describe, expect, it } from "vitest";
import { gatewayScript } from "./flink-script";

describe("gatewayScript", () => {
  it("leaves out ADD JAR: the runtime ADDs JAR the attached resources from its own copies", () => {
    const s = gatewayScript(`ADD JAR 'partitioners.jar';
CREATE TABLE b (id INT) WITH ('connector' = 'blackhole');
INSERT INTO b VALUES (1);`);
    expect(s.setup).toEqual(["CREATE TABLE b (id INT) WITH ('connector' = 'blackhole')"]);
  });

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

  it("cuts at semicolons outside strings and comments, and keeps what Tributary's parser does not know", () => {
    const s =
      gatewayScript(`CREATE TABLE a (s STRING) WITH ('connector' = 'datagen', 'x' = 'a;b'); -- c;d
/* e; */ INSERT INTO b SELECT o.s FROM a o JOIN a p ON o.s = p.s;`);
    expect(s.setup).toEqual([
      "CREATE TABLE a (s STRING) WITH ('connector' = 'datagen', 'x' = 'a;b')",
    ]);
    expect(s.submit).toBe("INSERT INTO b SELECT o.s FROM a o JOIN a p ON o.s = p.s");
  });

  it("reads EXECUTE STATEMENT SET BEGIN … END", () => {
    const s = gatewayScript(
      "EXECUTE STATEMENT SET BEGIN INSERT INTO b SELECT 1; INSERT INTO c SELECT 2; END;",
    );
    expect(s.submit).toBe(
      "EXECUTE STATEMENT SET\nBEGIN\nINSERT INTO b SELECT 1;\nINSERT INTO c SELECT 2;\nEND",
    );
  });

  it("refuses a script without INSERT", () => {
    expect(() => gatewayScript("CREATE TABLE a (id INT) WITH ('connector' = 'datagen');")).toThrow(
      /no INSERT INTO/,
    );
  });
});
