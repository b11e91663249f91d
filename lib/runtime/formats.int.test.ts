/**
 * Every format on the real broker, as a sink (the exact bytes written) and as a source (the rows
 * read back, printed as Flink's print connector prints them): csv, json, raw, avro,
 * avro-confluent against an in-test schema registry, and the changelog formats debezium-json,
 * canal-json and maxwell-json, whose updates and deletes reach an upsert-kafka sink.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { brokerForTests } from "@/lib/kafka/testing/broker-for-tests";
import {
  createTopic,
  produce,
  readAll,
  runScript,
  uniqueName,
  type RawRecord,
} from "./testing/run-script";

const broker = brokerForTests();

const kafkaTable = (name: string, columns: string, topic: string, options: string) => `
  CREATE TABLE ${name} (${columns}) WITH ('connector' = 'kafka', 'topic' = '${topic}',
    'properties.bootstrap.servers' = '${broker.bootstrapServers}', ${options});`;
const bounded = "'scan.startup.mode' = 'earliest-offset', 'scan.bounded.mode' = 'latest-offset'";

/** Runs a script that writes into `topic` and returns the records' values (null for tombstones). */
async function written(script: string, topic: string) {
  const { job } = await runScript(script);
  expect(await job.outcome).toEqual({ state: "FINISHED" });
  return readAll(broker.kafka, topic);
}

/** Produces the records, reads them with the source table `src` (declared in `ddl`) and returns the printed rows. */
async function readBack(
  topic: string,
  records: RawRecord[],
  ddl: string,
  columns: string,
): Promise<string[]> {
  await produce(broker.kafka, topic, records);
  const { job, printed } = await runScript(`${ddl}
    CREATE TABLE printed_rows (${columns}) WITH ('connector' = 'print');
    INSERT INTO printed_rows SELECT * FROM src;`);
  expect(await job.outcome).toEqual({ state: "FINISHED" });
  return printed;
}

const hex = (b: Buffer | null) => (b === null ? null : b.toString("hex"));

describe("csv", () => {
  const columns = "id INT, name STRING, price DECIMAL(10, 2), tags ARRAY<STRING>, note STRING";
  const options = `'format' = 'csv', 'csv.field-delimiter' = ';', 'csv.quote-character' = '''', 'csv.null-literal' = 'n/a',
    'csv.array-element-delimiter' = '|', 'csv.escape-character' = '\\'`;

  it("writes delimiter, quote, null literal, array delimiter and decimals as Flink", async () => {
    const topic = uniqueName("csv-out");
    await createTopic(broker.kafka, topic, 1);
    const records = await written(
      `${kafkaTable("dst", columns, topic, options)}
       INSERT INTO dst VALUES (1, 'a;b', 100.00, ARRAY['x', 'y'], CAST(NULL AS STRING)), (2, 'it''s', 12.5, ARRAY['z'], 'n');`,
      topic,
    );
    // Jackson's CsvEncoder: decimals go through its string path, which quotes any text holding a
    // character below max(delimiter, quote) + 1 (here ';' → digits and '.' too); an embedded quote
    // is doubled (ESCAPE_QUOTE_CHAR_WITH_ESCAPE_CHAR is off in Flink); the null literal is never quoted.
    expect(records.map((r) => r.value!.toString())).toEqual([
      "1;'a;b';'1E+2';x|y;n/a",
      "2;'it''s';'12.5';z;n",
    ]);
  });

  it("writes folded FLOAT constants, small decimals and backslashes with Flink 1.20's bytes", async () => {
    const topic = uniqueName("csv-fidelity");
    await createTopic(broker.kafka, topic, 1);
    const records = await written(
      `${kafkaTable("dst", "f FLOAT, g FLOAT, d DECIMAL(38, 18), s STRING", topic, "'format' = 'csv'")}
       CREATE TABLE nums (n INT) WITH ('connector' = 'datagen', 'number-of-rows' = '1', 'fields.n.kind' = 'sequence', 'fields.n.start' = '123456789', 'fields.n.end' = '123456789');
       INSERT INTO dst SELECT CAST(123456789 AS FLOAT), CAST(n AS FLOAT), CAST(0.000000001 AS DECIMAL(38, 18)), 'back\\slash' FROM nums;`,
      topic,
    );
    // The constant is reduced at FLOAT's DECIMAL32 precision by the planner; the column's cast is not.
    expect(records.map((r) => r.value!.toString())).toEqual([
      '1.234568E8,1.2345679E8,0.000000001,"back\\slash"',
    ]);
  });

  it("reads the same options back, and plain decimals without scientific notation when asked", async () => {
    const topic = uniqueName("csv-in");
    await createTopic(broker.kafka, topic, 1);
    const printed = await readBack(
      topic,
      [{ value: "1;'a;b';1E+2;x|y;n/a" }, { value: "2;'it\\'s';12.5;z;n" }],
      kafkaTable("src", columns, topic, `${options}, ${bounded}`),
      columns,
    );
    expect(printed).toEqual(["+I[1, a;b, 100.00, [x, y], null]", "+I[2, it's, 12.50, [z], n]"]);

    const plain = uniqueName("csv-plain");
    await createTopic(broker.kafka, plain, 1);
    const records = await written(
      `${kafkaTable("dst", "d DECIMAL(10, 2)", plain, "'format' = 'csv', 'csv.write-bigdecimal-in-scientific-notation' = 'false'")}
       INSERT INTO dst VALUES (100.00);`,
      plain,
    );
    expect(records.map((r) => r.value!.toString())).toEqual(["100"]);
  });
});

describe("json", () => {
  const columns =
    "id INT, ts TIMESTAMP(3), lts TIMESTAMP_LTZ(3), m MAP<STRING, INT>, d DECIMAL(10, 8), n STRING";
  const options = `'format' = 'json', 'json.timestamp-format.standard' = 'ISO-8601', 'json.map-null-key.mode' = 'LITERAL',
    'json.map-null-key.literal' = 'nil', 'json.encode.decimal-as-plain-number' = 'true', 'json.encode.ignore-null-fields' = 'true'`;

  it("writes ISO-8601 timestamps, the null-key literal, plain decimals and no null fields", async () => {
    const topic = uniqueName("json-out");
    await createTopic(broker.kafka, topic, 1);
    const records = await written(
      `${kafkaTable("dst", columns, topic, options)}
       INSERT INTO dst VALUES (1, TIMESTAMP '2024-01-02 03:04:05.600', TO_TIMESTAMP_LTZ(1700000000123, 3),
         MAP[CAST(NULL AS STRING), 1, 'k', 2], 0.00000027, CAST(NULL AS STRING));`,
      topic,
    );
    expect(records.map((r) => r.value!.toString())).toEqual([
      '{"id":1,"ts":"2024-01-02T03:04:05.6","lts":"2023-11-14T22:13:20.123Z","m":{"nil":1,"k":2},"d":0.00000027}',
    ]);
  });

  it("drops null keys with map-null-key.mode DROP and fails naming the option with FAIL", async () => {
    const topic = uniqueName("json-null-key");
    await createTopic(broker.kafka, topic, 1);
    const dropped = await written(
      `${kafkaTable("dst", "m MAP<STRING, INT>", topic, "'format' = 'json', 'json.map-null-key.mode' = 'DROP'")}
       INSERT INTO dst VALUES (MAP[CAST(NULL AS STRING), 1, 'k', 2]);`,
      topic,
    );
    expect(dropped.map((r) => r.value!.toString())).toEqual(['{"m":{"k":2}}']);
    const { job } = await runScript(
      `${kafkaTable("dst", "m MAP<STRING, INT>", topic, "'format' = 'json'")} INSERT INTO dst VALUES (MAP[CAST(NULL AS STRING), 1]);`,
    );
    const outcome = await job.outcome;
    expect(outcome.state).toBe("FAILED");
    if (outcome.state !== "FAILED") return;
    expect(outcome.failure.message).toContain(
      "JSON format doesn't support to serialize map data with null keys",
    );
    expect(outcome.failure.record).toMatchObject({ row: 1 });
  });

  it("reads ISO-8601 timestamps back", async () => {
    const topic = uniqueName("json-in");
    await createTopic(broker.kafka, topic, 1);
    const printed = await readBack(
      topic,
      [
        {
          value:
            '{"id":1,"ts":"2024-01-02T03:04:05.6","lts":"2023-11-14T22:13:20.123Z","m":{"nil":1},"d":0.00000027}',
        },
      ],
      kafkaTable("src", columns, topic, `${options}, ${bounded}`),
      columns,
    );
    expect(printed).toEqual([
      "+I[1, 2024-01-02T03:04:05.600, 2023-11-14T22:13:20.123Z, {nil=1}, 2.7E-7, null]",
    ]);
  });
});

describe("raw", () => {
  it("writes little-endian numbers and a tombstone for null; a charset for strings", async () => {
    const ints = uniqueName("raw-int");
    await createTopic(broker.kafka, ints, 1);
    const records = await written(
      `${kafkaTable("dst", "v INT", ints, "'format' = 'raw', 'raw.endianness' = 'little-endian'")}
       INSERT INTO dst VALUES (1), (CAST(NULL AS INT)), (-2);`,
      ints,
    );
    expect(records.map((r) => hex(r.value))).toEqual(["01000000", null, "feffffff"]);

    const strings = uniqueName("raw-string");
    await createTopic(broker.kafka, strings, 1);
    const utf16 = await written(
      `${kafkaTable("dst", "v STRING", strings, "'format' = 'raw', 'raw.charset' = 'UTF-16BE'")} INSERT INTO dst VALUES ('hé');`,
      strings,
    );
    expect(utf16.map((r) => hex(r.value))).toEqual(["006800e9"]);
  });

  it("reads a charset and endianness, and a tombstone as a null field (as Flink's raw format)", async () => {
    const topic = uniqueName("raw-in");
    await createTopic(broker.kafka, topic, 1);
    const printed = await readBack(
      topic,
      [{ value: Buffer.from("00000102", "hex") }, { value: null }],
      kafkaTable("src", "v INT", topic, `'format' = 'raw', ${bounded}`),
      "v INT",
    );
    expect(printed).toEqual(["+I[258]", "+I[null]"]);

    const strings = uniqueName("raw-in-string");
    await createTopic(broker.kafka, strings, 1);
    const text = await readBack(
      strings,
      [{ value: Buffer.from("006800e9", "hex") }],
      kafkaTable(
        "src",
        "v STRING",
        strings,
        `'format' = 'raw', 'raw.charset' = 'UTF-16BE', ${bounded}`,
      ),
      "v STRING",
    );
    expect(text).toEqual(["+I[hé]"]);
  });
});

describe("avro", () => {
  // Flink's derived schema: a record of nullable unions ["null", T]; the datum is the bare binary encoding.
  it("writes the bare Avro datum of the derived schema and reads it back", async () => {
    const topic = uniqueName("avro");
    await createTopic(broker.kafka, topic, 1);
    const records = await written(
      `${kafkaTable("dst", "id INT, name STRING", topic, "'format' = 'avro'")} INSERT INTO dst VALUES (1, 'ab'), (2, CAST(NULL AS STRING));`,
      topic,
    );
    expect(records.map((r) => hex(r.value))).toEqual(["020202046162", "020400"]);
    const { job, printed } =
      await runScript(`${kafkaTable("src", "id INT, name STRING", topic, `'format' = 'avro', ${bounded}`)}
      CREATE TABLE printed_rows (id INT, name STRING) WITH ('connector' = 'print');
      INSERT INTO printed_rows SELECT * FROM src;`);
    expect(await job.outcome).toEqual({ state: "FINISHED" });
    expect(printed).toEqual(["+I[1, ab]", "+I[2, null]"]);
  });
});

/** A Confluent schema registry as small as the format needs: register under a subject, fetch by id. */
class FakeSchemaRegistry {
  readonly registered: Array<{ subject: string; schema: string }> = [];
  private readonly server: Server;
  private readonly firstId = 41;

  constructor() {
    this.server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        const reply = (status: number, json: unknown) => {
          res.writeHead(status, { "content-type": "application/vnd.schemaregistry.v1+json" });
          res.end(JSON.stringify(json));
        };
        const register = /^\/subjects\/([^/]+)\/versions$/.exec(req.url ?? "");
        if (req.method === "POST" && register) {
          const schema = (JSON.parse(body) as { schema: string }).schema;
          let index = this.registered.findIndex((r) => r.schema === schema);
          if (index < 0)
            index = this.registered.push({ subject: decodeURIComponent(register[1]), schema }) - 1;
          return reply(200, { id: this.firstId + index });
        }
        const byId = /^\/schemas\/ids\/(\d+)$/.exec(req.url ?? "");
        const entry = byId ? this.registered[Number(byId[1]) - this.firstId] : undefined;
        if (req.method === "GET" && entry) return reply(200, { schema: entry.schema });
        reply(404, { error_code: 40403, message: "Schema not found" });
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe("avro-confluent", () => {
  it("registers the derived schema under <topic>-value, writes magic byte + id + datum, reads it back by id", async () => {
    const registry = new FakeSchemaRegistry();
    const url = await registry.start();
    try {
      const topic = uniqueName("avro-confluent");
      await createTopic(broker.kafka, topic, 1);
      const options = `'format' = 'avro-confluent', 'avro-confluent.url' = '${url}'`;
      const records = await written(
        `${kafkaTable("dst", "id INT, name STRING", topic, options)} INSERT INTO dst VALUES (1, 'ab');`,
        topic,
      );
      expect(registry.registered).toHaveLength(1);
      expect(registry.registered[0].subject).toBe(`${topic}-value`);
      expect(JSON.parse(registry.registered[0].schema)).toEqual({
        type: "record",
        name: "record",
        namespace: "org.apache.flink.avro.generated",
        fields: [
          { name: "id", type: ["null", "int"], default: null },
          { name: "name", type: ["null", "string"], default: null },
        ],
      });
      // 0x00, the id 41 as a big-endian int, then the datum.
      expect(records.map((r) => hex(r.value))).toEqual(["0000000029" + "020202046162"]);

      const { job, printed } =
        await runScript(`${kafkaTable("src", "id INT, name STRING", topic, `${options}, ${bounded}`)}
        CREATE TABLE printed_rows (id INT, name STRING) WITH ('connector' = 'print');
        INSERT INTO printed_rows SELECT * FROM src;`);
      expect(await job.outcome).toEqual({ state: "FINISHED" });
      expect(printed).toEqual(["+I[1, ab]"]);
    } finally {
      await registry.stop();
    }
  });

  it("fails before writing when the registry cannot be reached", async () => {
    const topic = uniqueName("avro-confluent-down");
    await createTopic(broker.kafka, topic, 1);
    const { job } = await runScript(
      `${kafkaTable("dst", "id INT", topic, "'format' = 'avro-confluent', 'avro-confluent.url' = 'http://127.0.0.1:9'")} INSERT INTO dst VALUES (1);`,
    );
    const outcome = await job.outcome;
    expect(outcome.state).toBe("FAILED");
    if (outcome.state !== "FAILED") return;
    expect(outcome.failure.message).toContain("Could not register schema in registry");
    expect(await readAll(broker.kafka, topic)).toEqual([]);
  });
});

describe("changelog formats", () => {
  const upsertSink = (topic: string) => `
    CREATE TABLE u (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH ('connector' = 'upsert-kafka', 'topic' = '${topic}',
      'properties.bootstrap.servers' = '${broker.bootstrapServers}', 'key.format' = 'csv', 'value.format' = 'csv');`;

  const cases: Array<{ format: string; insert: string; messages: string[] }> = [
    {
      format: "debezium-json",
      insert: '{"before":null,"after":{"id":1,"name":"a"},"op":"c"}',
      messages: [
        '{"before":null,"after":{"id":1,"name":"a"},"op":"c"}',
        '{"before":{"id":1,"name":"a"},"after":{"id":1,"name":"b"},"op":"u"}',
        '{"before":{"id":2,"name":"x"},"after":null,"op":"d"}',
        '{"before":{"id":1,"name":"b"},"after":null,"op":"d"}',
      ],
    },
    {
      format: "canal-json",
      insert: '{"data":[{"id":1,"name":"a"}],"type":"INSERT"}',
      messages: [
        '{"data":[{"id":1,"name":"a"}],"type":"INSERT","database":"db","table":"t"}',
        '{"data":[{"id":1,"name":"b"}],"old":[{"name":"a"}],"type":"UPDATE","database":"db","table":"t"}',
        '{"data":[{"id":2,"name":"x"}],"type":"DELETE","database":"db","table":"t"}',
        '{"data":[{"id":1,"name":"b"}],"type":"DELETE","database":"db","table":"t"}',
      ],
    },
    {
      format: "maxwell-json",
      insert: '{"data":{"id":1,"name":"a"},"type":"insert"}',
      messages: [
        '{"database":"db","table":"t","type":"insert","data":{"id":1,"name":"a"}}',
        '{"database":"db","table":"t","type":"update","data":{"id":1,"name":"b"},"old":{"name":"a"}}',
        '{"database":"db","table":"t","type":"delete","data":{"id":2,"name":"x"}}',
        '{"database":"db","table":"t","type":"delete","data":{"id":1,"name":"b"}}',
      ],
    },
  ];

  for (const { format, insert, messages } of cases) {
    it(`${format}: writes an insert event; reads -U/+U/-D into upsert-kafka as updates and tombstones`, async () => {
      const out = uniqueName(`${format}-out`);
      await createTopic(broker.kafka, out, 1);
      const events = await written(
        `${kafkaTable("dst", "id INT, name STRING", out, `'format' = '${format}'`)} INSERT INTO dst VALUES (1, 'a');`,
        out,
      );
      expect(events.map((r) => r.value!.toString())).toEqual([insert]);

      const input = uniqueName(`${format}-in`);
      const upserts = uniqueName(`${format}-upserts`);
      await createTopic(broker.kafka, input, 1);
      await createTopic(broker.kafka, upserts, 2);
      await produce(
        broker.kafka,
        input,
        messages.map((value) => ({ value })),
      );
      const records = await written(
        `${kafkaTable("src", "id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED", input, `'format' = '${format}', ${bounded}`)}
         ${upsertSink(upserts)} INSERT INTO u SELECT * FROM src;`,
        upserts,
      );
      const byKey = records
        .filter((r) => r.key!.toString() === "1")
        .map((r) => (r.value === null ? null : r.value.toString()));
      expect(byKey).toEqual(["1,a", "1,b", null]);
      expect(records.filter((r) => r.key!.toString() === "2").map((r) => r.value)).toEqual([null]);
    });
  }
});

describe("keys and metadata", () => {
  it("reads key fields from the key (key.fields-prefix, EXCEPT_KEY) and value fields from the value", async () => {
    const topic = uniqueName("keyed-in");
    await createTopic(broker.kafka, topic, 2);
    const printed = await readBack(
      topic,
      [{ key: "7", value: '{"name":"x"}', partition: 1 }],
      kafkaTable(
        "src",
        "k_id INT, name STRING",
        topic,
        `'key.format' = 'csv', 'key.fields' = 'k_id', 'key.fields-prefix' = 'k_', 'value.format' = 'json',
         'value.fields-include' = 'EXCEPT_KEY', ${bounded}`,
      ),
      "k_id INT, name STRING",
    );
    expect(printed).toEqual(["+I[7, x]"]);
  });

  it("writes key bytes with value.fields-include ALL: the key fields are in both", async () => {
    const topic = uniqueName("keyed-all");
    await createTopic(broker.kafka, topic, 1);
    const records = await written(
      `${kafkaTable("dst", "id INT, name STRING", topic, "'key.format' = 'raw', 'key.fields' = 'name', 'value.format' = 'csv'")}
       INSERT INTO dst VALUES (1, 'a');`,
      topic,
    );
    expect(records.map((r) => [r.key!.toString(), r.value!.toString()])).toEqual([["a", "1,a"]]);
  });

  it("reads topic, partition, offset, timestamp and headers metadata from a topic list", async () => {
    const a = uniqueName("meta-a");
    const b = uniqueName("meta-b");
    await createTopic(broker.kafka, a, 2);
    await createTopic(broker.kafka, b, 1);
    await produce(broker.kafka, a, [
      { value: "x", partition: 1, timestamp: "1700000000000", headers: { h: "1" } },
    ]);
    await produce(broker.kafka, b, [{ value: "y", partition: 0, timestamp: "1700000000001" }]);
    const columns = `v STRING, t STRING METADATA FROM 'topic' VIRTUAL, p INT METADATA FROM 'partition' VIRTUAL,
      o BIGINT METADATA FROM 'offset' VIRTUAL, ts TIMESTAMP_LTZ(3) METADATA FROM 'timestamp', hs MAP<STRING, BYTES> METADATA FROM 'headers'`;
    const { job, printed } =
      await runScript(`${kafkaTable("src", columns, `${a};${b}`, `'format' = 'raw', ${bounded}`)}
      CREATE TABLE printed_rows (v STRING, t STRING, p INT, o BIGINT, ts TIMESTAMP_LTZ(3), hs MAP<STRING, BYTES>) WITH ('connector' = 'print');
      INSERT INTO printed_rows SELECT v, t, p, o, ts, hs FROM src;`);
    expect(await job.outcome).toEqual({ state: "FINISHED" });
    expect([...printed].sort()).toEqual([
      `+I[x, ${a}, 1, 0, 2023-11-14T22:13:20Z, {h=[49]}]`,
      `+I[y, ${b}, 0, 0, 2023-11-14T22:13:20.001Z, {}]`,
    ]);
  });

  it("writes each row to the topic its `topic` metadata names, within the sink's topic list", async () => {
    const a = uniqueName("to-a");
    const b = uniqueName("to-b");
    await createTopic(broker.kafka, a, 1);
    await createTopic(broker.kafka, b, 1);
    const { job } = await runScript(
      `${kafkaTable("dst", "v STRING, t STRING METADATA FROM 'topic'", `${a};${b}`, "'format' = 'raw'")}
       INSERT INTO dst VALUES ('x', '${a}'), ('y', '${b}'), ('z', '${a}');`,
    );
    expect(await job.outcome).toEqual({ state: "FINISHED" });
    expect((await readAll(broker.kafka, a)).map((r) => r.value!.toString())).toEqual(["x", "z"]);
    expect((await readAll(broker.kafka, b)).map((r) => r.value!.toString())).toEqual(["y"]);

    const { job: outside } = await runScript(
      `${kafkaTable("dst", "v STRING, t STRING METADATA FROM 'topic'", `${a};${b}`, "'format' = 'raw'")} INSERT INTO dst VALUES ('w', 'elsewhere');`,
    );
    const outcome = await outside.outcome;
    expect(outcome.state).toBe("FAILED");
    if (outcome.state !== "FAILED") return;
    expect(outcome.failure.message).toContain(
      `The topic of the sink record is not valid. Expected topic to be in: [${a}, ${b}] but was: elsewhere`,
    );
    expect(outcome.failure.record).toEqual({ row: 1, column: "topic" });
  });
});
