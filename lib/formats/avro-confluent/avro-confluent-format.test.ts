import { describe, expect, it } from "vitest";
import { T, type LogicalType } from "@/lib/types/logical-type";
import type { FormatContext } from "@/lib/formats/format";
import { createAvroConfluentFormat, resolveSubject } from "./avro-confluent-format";
import { FetchSchemaRegistryClient, type SchemaRegistryClient } from "./registry-client";

function ctx(
  fields: Array<[string, LogicalType]>,
  options: Record<string, string> = {},
  topic: string | undefined = "orders",
  part: "key" | "value" = "value",
): FormatContext {
  return {
    options: new Map(Object.entries({ url: "http://registry:8081", ...options })),
    rowType: {
      kind: "ROW",
      nullable: false,
      fields: fields.map(([name, type]) => ({ name, type })),
    },
    topic,
    part,
  };
}
const hex = (b: Uint8Array | null) => Buffer.from(b!).toString("hex");

class FakeRegistry implements SchemaRegistryClient {
  registered: Array<[string, string]> = [];
  schemas = new Map<number, string>();
  fetched: number[] = [];
  async register(subject: string, schema: string) {
    this.registered.push([subject, schema]);
    return 42;
  }
  async getById(id: number) {
    this.fetched.push(id);
    const s = this.schemas.get(id);
    if (s === undefined) throw new Error(`Schema ${id} not found; error code: 40403`);
    return s;
  }
}

const FIELDS: Array<[string, LogicalType]> = [
  ["id", T.bigint(false)],
  ["name", T.string()],
];

describe("avro-confluent serialization", () => {
  it("registers the derived schema under <topic>-value and writes magic byte, schema id, datum", async () => {
    const fake = new FakeRegistry();
    const ser = createAvroConfluentFormat(() => fake).createSerializer(ctx(FIELDS));
    await ser.open!();
    expect(fake.registered).toEqual([
      [
        "orders-value",
        '{"type":"record","name":"record","namespace":"org.apache.flink.avro.generated","fields":[{"name":"id","type":"long"},{"name":"name","type":["null","string"],"default":null}]}',
      ],
    ]);
    // 00 | 0000002a | id 7 → zig-zag 0e | union branch 1 (02), "ab" (04 61 62)
    expect(hex(ser.serialize({ kind: "+I", values: [7n, "ab"] }))).toBe(
      "000000002a" + "0e" + "02046162",
    );
  });

  it("subjects: key part, explicit option, none without a single topic", () => {
    expect(resolveSubject(ctx(FIELDS, {}, "orders", "key"))).toBe("orders-key");
    expect(resolveSubject(ctx(FIELDS, { subject: "custom" }))).toBe("custom");
    expect(resolveSubject(ctx(FIELDS, { "schema-registry.subject": "legacy" }))).toBe("legacy");
    const noTopic = { ...ctx(FIELDS), topic: undefined };
    expect(() =>
      createAvroConfluentFormat(() => new FakeRegistry()).createSerializer(noTopic),
    ).toThrow("Option avro-confluent.subject is required for serialization");
  });

  it("reports a failed registration as Flink does", async () => {
    const failing: SchemaRegistryClient = {
      register: async () => {
        throw new Error("HTTP 409: incompatible");
      },
      getById: async () => "",
    };
    await expect(
      createAvroConfluentFormat(() => failing).createSerializer(ctx(FIELDS)).open!(),
    ).rejects.toThrow("Could not register schema in registry. HTTP 409: incompatible");
  });

  it("refuses to serialize before open()", () => {
    const ser = createAvroConfluentFormat(() => new FakeRegistry()).createSerializer(ctx(FIELDS));
    expect(() => ser.serialize({ kind: "+I", values: [1n, null] })).toThrow("await open() first");
  });

  it("accepts avro-confluent.schema only when it matches the table", () => {
    const f = createAvroConfluentFormat(() => new FakeRegistry());
    const good =
      '{"type":"record","name":"Order","namespace":"com.acme","fields":[{"name":"id","type":"long"},{"name":"name","type":["null","string"]}]}';
    expect(f.validate(ctx(FIELDS, { schema: good }))).toEqual([]);
    const bad = '{"type":"record","name":"Order","fields":[{"name":"id","type":"int"}]}';
    expect(f.validate(ctx(FIELDS, { schema: bad })).map((i) => i.message)).toEqual([
      `Schema provided for 'avro-confluent' format does not match the table schema: ${bad}`,
    ]);
  });

  it("validation: url is required; user-info needs credentials-source USER_INFO", () => {
    const f = createAvroConfluentFormat(() => new FakeRegistry());
    const c = ctx(FIELDS);
    (c.options as Map<string, string>).delete("url");
    expect(f.validate(c).map((i) => i.message)).toEqual([
      "One or more required options are missing.\n\nMissing required options are:\n\nurl",
    ]);
    expect(
      f.validate(ctx(FIELDS, { "basic-auth.user-info": "u:p" })).map((i) => i.severity),
    ).toEqual(["warning"]);
    expect(
      f.validate(
        ctx(FIELDS, {
          "basic-auth.user-info": "u:p",
          "basic-auth.credentials-source": "USER_INFO",
        }),
      ),
    ).toEqual([]);
  });
});

describe("avro-confluent deserialization", () => {
  it("fetches the writer schema by id once and resolves it by field name", async () => {
    const fake = new FakeRegistry();
    // The writer added a field and ordered them differently.
    fake.schemas.set(
      7,
      '{"type":"record","name":"Order","namespace":"com.acme","fields":[{"name":"name","type":["null","string"]},{"name":"extra","type":"int"},{"name":"id","type":"int"}]}',
    );
    const de = createAvroConfluentFormat(() => fake).createDeserializer(ctx(FIELDS));
    // 00 | 00000007 | name: branch 1, "hi" | extra: 5 (0a) | id: 9 (12)
    const bytes = Buffer.from("0000000007" + "02046869" + "0a" + "12", "hex");
    await de.prepare!(bytes);
    expect(de.prepare!(bytes)).toBeUndefined();
    expect(de.deserialize(bytes)).toEqual([{ kind: "+I", values: [9n, "hi"] }]);
    expect(fake.fetched).toEqual([7]);
  });

  it("round-trips what the serializer wrote", async () => {
    const fake = new FakeRegistry();
    const f = createAvroConfluentFormat(() => fake);
    const ser = f.createSerializer(ctx(FIELDS));
    await ser.open!();
    fake.schemas.set(42, fake.registered[0][1]);
    const bytes = ser.serialize({ kind: "+I", values: [123456789012n, null] })!;
    const de = f.createDeserializer(ctx(FIELDS));
    await de.prepare!(bytes);
    expect(de.deserialize(bytes)).toEqual([{ kind: "+I", values: [123456789012n, null] }]);
  });

  it("fails on a wrong magic byte or an unknown schema id", async () => {
    const de = createAvroConfluentFormat(() => new FakeRegistry()).createDeserializer(ctx(FIELDS));
    expect(() => de.deserialize(new Uint8Array([1, 0, 0, 0, 1]))).toThrow(
      "Failed to deserialize Avro record. Unknown data format. Magic number does not match",
    );
    await expect(de.prepare!(new Uint8Array([0, 0, 0, 0, 3, 0]))).rejects.toThrow(
      "Could not find schema with id 3 in registry.",
    );
  });
});

describe("FetchSchemaRegistryClient", () => {
  type Call = { url: string; method?: string; headers?: Record<string, string>; body?: string };
  const fakeFetch =
    (answers: Array<Error | { status: number; body: string }>, calls: Call[]) =>
    async (url: string, init?: Omit<Call, "url">) => {
      calls.push({ url, ...init });
      const a = answers.shift()!;
      if (a instanceof Error) throw a;
      return { ok: a.status < 300, status: a.status, text: async () => a.body };
    };

  it("registers with Confluent's REST call and content type, with basic auth from user-info", async () => {
    const calls: Call[] = [];
    const client = new FetchSchemaRegistryClient(
      { url: "http://r:8081/", userInfo: "alice:s3cret" },
      fakeFetch([{ status: 200, body: '{"id":5}' }], calls),
    );
    expect(await client.register("orders-value", '"string"')).toBe(5);
    expect(await client.register("orders-value", '"string"')).toBe(5);
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe("http://r:8081/subjects/orders-value/versions");
    expect(calls[0].method).toBe("POST");
    expect(calls[0].body).toBe('{"schema":"\\"string\\""}');
    expect(calls[0].headers!["Content-Type"]).toBe("application/vnd.schemaregistry.v1+json");
    expect(calls[0].headers!.Authorization).toBe(
      "Basic " + Buffer.from("alice:s3cret").toString("base64"),
    );
  });

  it("moves credentials out of the URL and fails over to the next URL when one is unreachable", async () => {
    const calls: Call[] = [];
    const client = new FetchSchemaRegistryClient(
      { url: "http://down:8081, http://bob:pw@up:8081" },
      fakeFetch(
        [new Error("ECONNREFUSED"), { status: 200, body: '{"schema":"\\"int\\""}' }],
        calls,
      ),
    );
    expect(await client.getById(3)).toBe('"int"');
    expect(calls.map((c) => c.url)).toEqual([
      "http://down:8081/schemas/ids/3",
      "http://up:8081/schemas/ids/3",
    ]);
    expect(calls[1].headers!.Authorization).toBe(
      "Basic " + Buffer.from("bob:pw").toString("base64"),
    );
  });

  it("reports the registry's error without credentials", async () => {
    const client = new FetchSchemaRegistryClient(
      { url: "http://r:8081", userInfo: "alice:s3cret" },
      fakeFetch(
        [
          {
            status: 409,
            body: '{"error_code":409,"message":"Schema being registered is incompatible with an earlier schema"}',
          },
        ],
        [],
      ),
    );
    const error = await client.register("s", '"int"').catch((e: Error) => e);
    expect((error as Error).message).toBe(
      "Schema registry http://r:8081 answered POST /subjects/s/versions with HTTP 409: Schema being registered is incompatible with an earlier schema; error code: 409.",
    );
    expect((error as Error).message).not.toContain("s3cret");
  });
});
