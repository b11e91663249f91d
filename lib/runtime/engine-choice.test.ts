import { describe, expect, it } from "vitest";
import { validateScript } from "@/lib/sql/validate";
import { chooseEngine, engineOptions, explainEngine } from "./engine-choice";

const TABLES = `CREATE TABLE src (k STRING, n INT) WITH ('connector' = 'datagen');
CREATE TABLE out_append (k STRING, n INT) WITH ('connector' = 'blackhole');
CREATE TABLE out_counts (k STRING, c BIGINT, PRIMARY KEY (k) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 't', 'properties.bootstrap.servers' = 'b:9092',
  'key.format' = 'csv', 'value.format' = 'csv');`;

function planOf(sql: string) {
  const result = validateScript(`${TABLES}\n${sql}`);
  expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  return result.plan!;
}

const stateless = planOf("INSERT INTO out_append SELECT UPPER(k), n * 2 FROM src WHERE n > 0;");
const stateful = planOf("INSERT INTO out_counts SELECT k, COUNT(*) FROM src GROUP BY k;");

describe("chooseEngine", () => {
  it("auto picks the embedded engine for a stateless script", () => {
    expect(chooseEngine(stateless)).toMatchObject({ ok: true, engine: "embedded" });
  });

  it("auto picks Flink for a stateful one, naming the operator and its sink", () => {
    const decision = chooseEngine(stateful, "auto");
    expect(decision).toMatchObject({ ok: true, engine: "flink" });
    expect(decision.reason).toMatch(
      /INSERT INTO out_counts needs a GROUP BY aggregation \(GroupAggregate\)/,
    );
  });

  it("honours an explicit engine, and refuses embedded for what it cannot run", () => {
    expect(chooseEngine(stateless, "flink")).toMatchObject({ ok: true, engine: "flink" });
    expect(chooseEngine(stateless, "embedded")).toMatchObject({ ok: true, engine: "embedded" });
    const refused = chooseEngine(stateful, "embedded");
    expect(refused.ok).toBe(false);
    expect(refused.reason).toMatch(/embedded engine cannot run this script .*'flink' or 'auto'/);
  });

  it("explains the decision in the plan text", () => {
    expect(explainEngine(chooseEngine(stateful))).toMatch(/^== Engine ==\nflink: auto: /);
  });

  describe("with a custom partitioner only the embedded engine runs (JavaScript)", () => {
    const sink = (
      partitioner: string,
    ) => `CREATE TABLE k_sink (k STRING, n INT) WITH ('connector' = 'kafka',
  'topic' = 't', 'properties.bootstrap.servers' = 'b:9092', 'format' = 'json', 'sink.partitioner' = '${partitioner}');`;
    const planWith = (partitioner: string, query: string) => {
      const result = validateScript(`${TABLES}\n${sink(partitioner)}\n${query}`, {
        attachedPartitionerClasses: ["Halves", "com.acme.Halves"],
      });
      expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      return result.plan!;
    };
    const kinds = new Map([
      ["Halves", "JS"],
      ["com.acme.Halves", "JAR"],
    ] as const);
    const js = planWith("Halves", "INSERT INTO k_sink SELECT k, n FROM src;");
    const jar = planWith("com.acme.Halves", "INSERT INTO k_sink SELECT k, n FROM src;");
    const jsJoin = planWith(
      "Halves",
      "INSERT INTO k_sink SELECT a.k, b.n FROM src a JOIN src b ON a.k = b.k;",
    );

    it("auto keeps it on the embedded engine and says why", () => {
      const decision = chooseEngine(js, "auto", kinds);
      expect(decision).toMatchObject({ ok: true, engine: "embedded" });
      expect(decision.reason).toBe(
        "auto: the embedded engine runs every statement, and the sink k_sink's sink.partitioner 'Halves' is a JavaScript partitioner, which only the embedded engine runs (Flink loads partitioner classes from JARs).",
      );
    });

    it("refuses engine flink with the reason, and runs a JAR partitioner on either", () => {
      const refused = chooseEngine(js, "flink", kinds);
      expect(refused).toEqual({
        ok: false,
        reason:
          "The Flink engine cannot run this script (the sink k_sink's sink.partitioner 'Halves' is a JavaScript partitioner, which only the embedded engine runs (Flink loads partitioner classes from JARs)); deploy it with engine 'embedded' or 'auto', or attach a JAR partitioner.",
      });
      expect(chooseEngine(jar, "flink", kinds)).toMatchObject({ ok: true, engine: "flink" });
      expect(chooseEngine(jar, "auto", kinds)).toMatchObject({ ok: true, engine: "embedded" });
    });

    it("has no engine for a stateful query that needs it", () => {
      const decision = chooseEngine(jsJoin, "auto", kinds);
      expect(decision.ok).toBe(false);
      expect(decision.reason).toMatch(
        /^No engine runs this script: the INSERT INTO k_sink needs a .*, and the sink k_sink's sink.partitioner 'Halves' is a JavaScript partitioner/,
      );
    });
  });
});

describe("engineOptions", () => {
  it("lists auto, embedded and flink with what each decides, embedded refused for a stateful script", () => {
    const options = engineOptions(stateful);
    expect(options.map((o) => o.choice)).toEqual(["auto", "embedded", "flink"]);
    expect(options[0].decision).toMatchObject({ ok: true, engine: "flink" });
    expect(options[1].decision.ok).toBe(false);
    expect(options[1].decision.reason).toMatch(/GROUP BY aggregation/);
    expect(options[2].decision).toMatchObject({ ok: true, engine: "flink" });
    expect(engineOptions(stateless)[0].decision).toMatchObject({ ok: true, engine: "embedded" });
  });
});

describe("with an attached key or trust store (/flink/usrlib/<file>)", () => {
  const sink = (location: string) => `CREATE TABLE tls_out (k STRING) WITH ('connector' = 'kafka',
    'topic' = 't', 'properties.bootstrap.servers' = 'b:9093', 'format' = 'csv',
    'properties.security.protocol' = 'SSL', 'properties.ssl.truststore.location' = '${location}',
    'properties.ssl.truststore.password' = 'pw');`;
  const attached = planOf(`${sink("/flink/usrlib/truststore.jks")}
INSERT INTO tls_out SELECT k FROM src;`);

  it("keeps the job on the embedded engine, whose workers copy the store out", () => {
    const decision = chooseEngine(attached, "auto");
    expect(decision).toMatchObject({ ok: true, engine: "embedded" });
    expect(decision.reason).toContain(
      "the table tls_out's 'properties.ssl.truststore.location' names an attached store ('/flink/usrlib/truststore.jks'), which only the embedded engine reads",
    );
    const flink = chooseEngine(attached, "flink");
    expect(flink.ok).toBe(false);
    expect(flink.reason).toMatch(
      /^The Flink engine cannot run this script \(.*\); deploy it with engine 'embedded' or 'auto'\.$/,
    );
  });

  it("lets a store given as a path run on either engine", () => {
    const path = planOf(`${sink("/etc/kafka/truststore.jks")}
INSERT INTO tls_out SELECT k FROM src;`);
    expect(chooseEngine(path, "flink")).toMatchObject({ ok: true, engine: "flink" });
  });
});
