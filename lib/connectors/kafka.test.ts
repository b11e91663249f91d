import { describe, expect, it } from "vitest";
import { T } from "@/lib/types/logical-type";
import { fakeFormats } from "./testing/fake-formats";
import { type ColumnSpec, optionLine, tableFixture } from "./testing/table-fixture";
import { validateTable } from "./validate";
import type { TableRole } from "./table";

const COLS: ColumnSpec[] = [
  { name: "id", type: T.int() },
  { name: "name", type: T.string() },
  { name: "age", type: T.int() },
];

const BASE = {
  connector: "kafka",
  topic: "orders",
  "properties.bootstrap.servers": "localhost:9092",
  format: "csv",
};

function run(
  options: Record<string, string>,
  role: TableRole = "sink",
  extra: { columns?: ColumnSpec[]; pk?: string[]; attached?: string[]; others?: string[] } = {},
) {
  const table = tableFixture("t", extra.columns ?? COLS, options, extra.pk);
  const result = validateTable(table, role, {
    formats: fakeFormats,
    attachedPartitionerClasses: extra.attached,
    attachedOtherClasses: extra.others,
  });
  return {
    table,
    ...result,
    messages: result.diagnostics.map((d) => `${d.severity}: ${d.message}`),
  };
}

describe("kafka: the spec's tables", () => {
  it("resolves the kafka_sink table with Flink's defaults", () => {
    const r = run(BASE);
    expect(r.diagnostics).toEqual([]);
    expect(r.resolved).toMatchObject({
      connector: "kafka",
      role: "sink",
      topics: ["orders"],
      bootstrapServers: "localhost:9092",
      properties: { "bootstrap.servers": "localhost:9092" },
      valueFormat: { identifier: "csv", options: {}, changelogMode: "insert-only" },
      keyFields: [],
      valueFieldsInclude: "ALL",
      partitioner: { kind: "default" },
      deliveryGuarantee: "at-least-once",
      partitionDiscoveryIntervalMs: 300000,
      changelogMode: "insert-only",
    });
    if (r.resolved?.connector !== "kafka") throw new Error("kafka expected");
    expect(r.resolved.valueFields.map((f) => f.name)).toEqual(["id", "name", "age"]);
    expect(r.resolved.valueFormat.rowType.fields.map((f) => f.name)).toEqual(["id", "name", "age"]);
  });

  it("resolves the kafka_source table: group offsets, reset strategy none by default", () => {
    const r = run({ ...BASE, "properties.group.id": "g1" }, "source");
    expect(r.diagnostics).toEqual([]);
    expect(r.resolved).toMatchObject({
      startup: { mode: "group-offsets", specificOffsets: [], offsetResetStrategy: "none" },
      bounded: { mode: "unbounded" },
      properties: { "group.id": "g1" },
    });
  });
});

describe("kafka: options", () => {
  it("requires properties.bootstrap.servers, at the WITH keyword", () => {
    const r = run({ connector: "kafka", topic: "t", format: "csv" });
    expect(r.messages).toEqual([
      "error: One or more required options are missing.\n\nMissing required options are:\n\nproperties.bootstrap.servers",
    ]);
    expect(r.diagnostics[0].line).toBe(r.table.withSpan.line);
    expect(r.resolved).toBeUndefined();
  });

  it("requires a value format", () => {
    const { format: _f, ...noFormat } = BASE;
    expect(run(noFormat).messages).toEqual([
      "error: Could not find required sink format 'value.format'.",
    ]);
    expect(run(noFormat, "source", {}).messages[0]).toBe(
      "error: Could not find required scan format 'value.format'.",
    );
  });

  it("rejects unknown keys with a did-you-mean, at the key", () => {
    const r = run({ ...BASE, "sink.paritioner": "fixed" });
    expect(r.messages).toEqual([
      "error: Unsupported options found for 'kafka'.\n\nUnsupported options:\n\nsink.paritioner\n\nDid you mean 'sink.partitioner'?",
    ]);
    expect(r.diagnostics[0]).toMatchObject({
      line: optionLine(r.table, "sink.paritioner"),
      column: 3,
    });
  });

  it("rejects upsert-kafka's buffer options on 'kafka'", () => {
    expect(run({ ...BASE, "sink.buffer-flush.max-rows": "10" }).messages[0]).toContain(
      "Unsupported options found for 'kafka'.\n\nUnsupported options:\n\nsink.buffer-flush.max-rows",
    );
  });

  it("parses enums case-insensitively and reports bad ones with the enum class and values", () => {
    expect(
      run({ ...BASE, "scan.startup.mode": "EARLIEST-OFFSET", "properties.group.id": "g" }, "source")
        .resolved,
    ).toMatchObject({
      startup: { mode: "earliest-offset" },
    });
    const r = run({ ...BASE, "scan.startup.mode": "earliest" }, "source");
    expect(r.messages).toContain(
      "error: Invalid value for option 'scan.startup.mode'. Could not parse value 'earliest' for key 'scan.startup.mode': Could not parse value for enum class org.apache.flink.streaming.connectors.kafka.table.KafkaConnectorOptions$ScanStartupMode. Expected one of: [earliest-offset, latest-offset, group-offsets, timestamp, specific-offsets]",
    );
    const d = r.diagnostics.find((x) => x.message.includes("scan.startup.mode"))!;
    expect(d.column).toBe(3 + "scan.startup.mode".length + 2 + 3); // the value
  });

  it("reads ints, longs and durations as Flink does", () => {
    expect(run({ ...BASE, "sink.parallelism": "abc" }).messages).toEqual([
      "error: Invalid value for option 'sink.parallelism'. Could not parse value 'abc' for key 'sink.parallelism': For input string: \"abc\"",
    ]);
    expect(run({ ...BASE, "sink.parallelism": "4" }).resolved).toMatchObject({
      sinkParallelism: 4,
    });
    const src = (v: string) =>
      run(
        { ...BASE, "properties.group.id": "g", "scan.topic-partition-discovery.interval": v },
        "source",
      );
    expect(src("10 s").resolved).toMatchObject({ partitionDiscoveryIntervalMs: 10000 });
    expect(src("2min").resolved).toMatchObject({ partitionDiscoveryIntervalMs: 120000 });
    expect(src("0").resolved).toMatchObject({ partitionDiscoveryIntervalMs: 0 });
    expect(src("5 parsecs").messages[0]).toBe(
      "error: Invalid value for option 'scan.topic-partition-discovery.interval'. Could not parse value '5 parsecs' for key 'scan.topic-partition-discovery.interval': Time interval unit label 'parsecs' does not match any of the recognized units: DAYS: (d | day | days), HOURS: (h | hour | hours), MINUTES: (min | m | minute | minutes), SECONDS: (s | sec | secs | second | seconds), MILLISECONDS: (ms | milli | millis | millisecond | milliseconds), MICROSECONDS: (µs | micro | micros | microsecond | microseconds), NANOSECONDS: (ns | nano | nanos | nanosecond | nanoseconds)",
    );
    expect(
      run(
        {
          ...BASE,
          "properties.group.id": "g",
          "scan.startup.mode": "timestamp",
          "scan.startup.timestamp-millis": "soon",
        },
        "source",
      ).messages,
    ).toContain(
      "error: Invalid value for option 'scan.startup.timestamp-millis'. Could not parse value 'soon' for key 'scan.startup.timestamp-millis': For input string: \"soon\"",
    );
  });

  it("takes a ';'-separated topic list", () => {
    expect(run({ ...BASE, topic: "a; b;c" }).resolved).toMatchObject({ topics: ["a", "b", "c"] });
  });

  it("needs exactly one of topic and topic-pattern", () => {
    expect(run({ ...BASE, "topic-pattern": "ord.*" }).messages).toEqual([
      "error: Option 'topic' and 'topic-pattern' shouldn't be set together.",
    ]);
    const { topic: _t, ...noTopic } = BASE;
    expect(run(noTopic).messages).toEqual([
      "error: Either 'topic' or 'topic-pattern' must be set.",
    ]);
    expect(run({ ...noTopic, "topic-pattern": "ord.*" }).resolved).toMatchObject({
      topicPattern: "ord.*",
    });
  });

  it("warns about sink options on a source and source options on a sink", () => {
    expect(
      run({ ...BASE, "properties.group.id": "g", "sink.partitioner": "fixed" }, "source").messages,
    ).toEqual([
      "warning: 'sink.partitioner' only applies when the table is written to (a sink); it has no effect when 't' is read.",
    ]);
    expect(run({ ...BASE, "scan.startup.mode": "earliest-offset" }).messages).toEqual([
      "warning: 'scan.startup.mode' only applies when the table is read (a source); it has no effect when 't' is written to.",
    ]);
  });

  it("warns that value.format is ignored when format is also set", () => {
    expect(run({ ...BASE, "value.format": "json" }).messages).toEqual([
      "warning: 'value.format' is ignored because 'format' is also set; Flink uses 'format' for the value.",
    ]);
  });
});

describe("kafka: key and value fields", () => {
  it("resolves key.fields with a key format; value includes the key by default", () => {
    const r = run({ ...BASE, "key.format": "json", "key.fields": "id" });
    expect(r.diagnostics).toEqual([]);
    if (r.resolved?.connector !== "kafka") throw new Error("kafka expected");
    expect(r.resolved.keyFields).toEqual([{ index: 0, name: "id", type: T.int() }]);
    expect(r.resolved.keyFormat?.identifier).toBe("json");
    expect(r.resolved.valueFields.map((f) => f.name)).toEqual(["id", "name", "age"]);
  });

  it("applies key.fields-prefix with EXCEPT_KEY", () => {
    const r = run(
      {
        ...BASE,
        "key.format": "json",
        "key.fields": "k_id",
        "key.fields-prefix": "k_",
        "value.fields-include": "EXCEPT_KEY",
      },
      "sink",
      {
        columns: [
          { name: "k_id", type: T.int() },
          { name: "name", type: T.string() },
        ],
      },
    );
    expect(r.diagnostics).toEqual([]);
    if (r.resolved?.connector !== "kafka") throw new Error("kafka expected");
    expect(r.resolved.keyFormat?.rowType.fields.map((f) => f.name)).toEqual(["id"]);
    expect(r.resolved.valueFields.map((f) => f.name)).toEqual(["name"]);
  });

  it("uses Flink's messages for inconsistent key settings", () => {
    expect(run({ ...BASE, "key.fields": "id" }).messages).toEqual([
      "error: The option 'key.fields' can only be declared if a key format is defined using 'key.format'.",
    ]);
    expect(run({ ...BASE, "key.format": "json" }).messages).toEqual([
      "error: A key format 'key.format' requires the declaration of one or more of key fields using 'key.fields'.",
    ]);
    expect(run({ ...BASE, "key.format": "json", "key.fields": "idd" }).messages).toEqual([
      "error: Could not find the field 'idd' in the table schema for usage in the key format. A key field must be a regular, physical column. The following columns can be selected in the 'key.fields' option:\n[id, name, age] Did you mean 'id'?",
    ]);
    expect(
      run({
        ...BASE,
        "key.format": "json",
        "key.fields": "id",
        "key.fields-prefix": "k_",
        "value.fields-include": "EXCEPT_KEY",
      }).messages,
    ).toEqual([
      "error: All fields in 'key.fields' must be prefixed with 'k_' when option 'key.fields-prefix' is set but field 'id' is not prefixed.",
    ]);
    expect(
      run(
        { ...BASE, "key.format": "json", "key.fields": "k_id", "key.fields-prefix": "k_" },
        "sink",
        {
          columns: [{ name: "k_id", type: T.int() }, ...COLS],
        },
      ).messages,
    ).toEqual([
      "error: A key prefix is not allowed when option 'value.fields-include' is set to 'ALL'. Set it to 'EXCEPT_KEY' instead to avoid field overlaps.",
    ]);
  });

  it("does not take metadata or computed columns as key fields", () => {
    const r = run({ ...BASE, "key.format": "json", "key.fields": "ts" }, "sink", {
      columns: [
        ...COLS,
        { name: "ts", type: T.timestampLtz(3), kind: "metadata", metadataKey: "timestamp" },
      ],
    });
    expect(r.messages[0]).toContain("Could not find the field 'ts' in the table schema");
  });

  it("requires insert-only key formats", () => {
    expect(run({ ...BASE, "key.format": "debezium-json", "key.fields": "id" }).messages).toEqual([
      "error: A key format should only deal with INSERT-only records. But debezium-json has a changelog mode of [INSERT, UPDATE_BEFORE, UPDATE_AFTER, DELETE].",
    ]);
  });

  it("rejects a PRIMARY KEY with an insert-only value format, at the key", () => {
    const r = run(BASE, "sink", { pk: ["id"] });
    expect(r.messages).toEqual([
      "error: The Kafka table 'default_catalog.default_database.t' with 'csv' format doesn't support defining PRIMARY KEY constraint on the table, because it can't guarantee the semantic of primary key.",
    ]);
    expect(r.diagnostics[0].line).toBe(r.table.primaryKey!.span.line);
    expect(run({ ...BASE, format: "debezium-json" }, "sink", { pk: ["id"] }).diagnostics).toEqual(
      [],
    );
  });
});

describe("kafka: startup and bounded modes", () => {
  const SRC = { ...BASE, "properties.group.id": "g" };

  it("needs the companion of timestamp and specific-offsets modes", () => {
    expect(run({ ...SRC, "scan.startup.mode": "timestamp" }, "source").messages).toEqual([
      "error: 'scan.startup.timestamp-millis' is required in 'timestamp' startup mode but missing.",
    ]);
    expect(run({ ...SRC, "scan.bounded.mode": "specific-offsets" }, "source").messages).toEqual([
      "error: 'scan.bounded.specific-offsets' is required in 'specific-offsets' bounded mode but missing.",
    ]);
  });

  it("parses specific offsets and rejects bad ones with Flink's message", () => {
    const ok = run(
      {
        ...SRC,
        "scan.startup.mode": "specific-offsets",
        "scan.startup.specific-offsets": "partition:0,offset:42;partition:1,offset:300",
      },
      "source",
    );
    expect(ok.resolved).toMatchObject({
      startup: {
        mode: "specific-offsets",
        specificOffsets: [
          { partition: 0, offset: 42 },
          { partition: 1, offset: 300 },
        ],
      },
    });
    expect(
      run(
        {
          ...SRC,
          "scan.startup.mode": "specific-offsets",
          "scan.startup.specific-offsets": "0:42",
        },
        "source",
      ).messages,
    ).toEqual([
      "error: Invalid properties 'scan.startup.specific-offsets' should follow the format 'partition:0,offset:42;partition:1,offset:300', but is '0:42'.",
    ]);
    expect(
      run(
        {
          ...SRC,
          topic: "a;b",
          "scan.startup.mode": "specific-offsets",
          "scan.startup.specific-offsets": "partition:0,offset:1",
        },
        "source",
      ).messages,
    ).toEqual(["error: Currently Kafka source only supports specific offset for single topic."]);
  });

  it("resolves timestamp modes", () => {
    expect(
      run(
        {
          ...SRC,
          "scan.startup.mode": "timestamp",
          "scan.startup.timestamp-millis": "1700000000000",
          "scan.bounded.mode": "latest-offset",
        },
        "source",
      ).resolved,
    ).toMatchObject({
      startup: { mode: "timestamp", timestampMillis: 1700000000000 },
      bounded: { mode: "latest-offset" },
    });
  });

  it("requires a group id for group offsets, as the committed-offsets initializer does", () => {
    expect(run(BASE, "source").messages).toEqual([
      "error: Property group.id is required when using committed offset for offsets initializer: set 'properties.group.id', or choose another 'scan.startup.mode'.",
    ]);
    expect(run({ ...BASE, "scan.startup.mode": "earliest-offset" }, "source").diagnostics).toEqual(
      [],
    );
  });

  it("takes auto.offset.reset as the reset strategy in group-offsets mode only", () => {
    expect(
      run({ ...SRC, "properties.auto.offset.reset": "earliest" }, "source").resolved,
    ).toMatchObject({
      startup: { offsetResetStrategy: "earliest" },
    });
    expect(
      run(
        {
          ...BASE,
          "scan.startup.mode": "latest-offset",
          "properties.auto.offset.reset": "earliest",
        },
        "source",
      ).messages,
    ).toEqual([
      "warning: 'properties.auto.offset.reset' is overridden by 'scan.startup.mode' = 'latest-offset'; Flink honours it only in 'group-offsets' mode.",
    ]);
  });
});

describe("kafka: sink partitioner and delivery guarantee", () => {
  it("maps the built-in partitioners", () => {
    expect(run({ ...BASE, "sink.partitioner": "fixed" }).resolved).toMatchObject({
      partitioner: { kind: "fixed" },
    });
    expect(run({ ...BASE, "sink.partitioner": "round-robin" }).resolved).toMatchObject({
      partitioner: { kind: "round-robin" },
    });
  });

  it("forbids round-robin with key.fields and an empty partitioner", () => {
    expect(
      run({ ...BASE, "sink.partitioner": "round-robin", "key.format": "json", "key.fields": "id" })
        .messages,
    ).toEqual([
      "error: Currently 'round-robin' partitioner only works when option 'key.fields' is not specified.",
    ]);
    expect(run({ ...BASE, "sink.partitioner": "" }).messages).toEqual([
      "error: Option 'sink.partitioner' should be a non-empty string.",
    ]);
  });

  it("resolves a custom partitioner class against the attached resources", () => {
    expect(
      run({ ...BASE, "sink.partitioner": "org.mycompany.MyPartitioner" }, "sink", {
        attached: ["org.mycompany.MyPartitioner"],
      }).resolved,
    ).toMatchObject({
      partitioner: { kind: "custom", className: "org.mycompany.MyPartitioner" },
    });
    expect(
      run({ ...BASE, "sink.partitioner": "org.mycompany.Other" }, "sink", { attached: [] })
        .messages,
    ).toEqual([
      "error: Could not find and instantiate partitioner class 'org.mycompany.Other'. Attach the partitioner's JAR or JavaScript resource to the job (resource upload), or use 'default', 'fixed' or 'round-robin'.",
    ]);
    expect(run({ ...BASE, "sink.partitioner": "fixd" }, "sink", { attached: [] }).messages).toEqual(
      ["error: Could not find and instantiate partitioner class 'fixd'. Did you mean 'fixed'?"],
    );
    expect(run({ ...BASE, "sink.partitioner": "fixd" }).messages).toEqual([
      "warning: 'fixd' is taken as the class name of a custom partitioner. Did you mean 'fixed'?",
    ]);
  });

  it("refuses an attached class that is no partitioner, and suggests an attached one", () => {
    const attached = { attached: ["com.acme.RegionPartitioner"], others: ["com.acme.Util"] };
    expect(
      run({ ...BASE, "sink.partitioner": "com.acme.Util" }, "sink", attached).messages,
    ).toEqual([
      "error: Sink partitioner class 'com.acme.Util' should implement the required class org.apache.flink.connector.kafka.sink.KafkaPartitioner. The attached partitioners are: 'com.acme.RegionPartitioner'.",
    ]);
    expect(
      run({ ...BASE, "sink.partitioner": "com.acme.RegionPartitoner" }, "sink", attached).messages,
    ).toEqual([
      "error: Could not find and instantiate partitioner class 'com.acme.RegionPartitoner'. Did you mean 'com.acme.RegionPartitioner'?",
    ]);
  });

  it("requires a transactional id prefix for exactly-once", () => {
    expect(run({ ...BASE, "sink.delivery-guarantee": "exactly-once" }).messages).toEqual([
      "error: sink.transactional-id-prefix must be specified when using DeliveryGuarantee.EXACTLY_ONCE.",
    ]);
    expect(
      run({
        ...BASE,
        "sink.delivery-guarantee": "exactly-once",
        "sink.transactional-id-prefix": "job-a",
      }).resolved,
    ).toMatchObject({ deliveryGuarantee: "exactly-once", transactionalIdPrefix: "job-a" });
    expect(run({ ...BASE, "sink.delivery-guarantee": "best-effort" }).messages).toEqual([
      "error: Invalid value for option 'sink.delivery-guarantee'. Could not parse value 'best-effort' for key 'sink.delivery-guarantee': Could not parse value for enum class org.apache.flink.connector.base.DeliveryGuarantee. Expected one of: [exactly-once, at-least-once, none]",
    ]);
  });

  it("lets the deprecated sink.semantic win, with a warning", () => {
    const r = run({ ...BASE, "sink.semantic": "none", "sink.delivery-guarantee": "at-least-once" });
    expect(r.messages).toEqual([
      "warning: sink.semantic is deprecated and will be removed. Please use sink.delivery-guarantee instead.",
    ]);
    expect(r.resolved).toMatchObject({ deliveryGuarantee: "none" });
    const eo = run({ ...BASE, "sink.semantic": "exactly-once" });
    expect(eo.resolved).toMatchObject({
      deliveryGuarantee: "exactly-once",
      transactionalIdPrefix: "kafka-sink",
    });
    expect(eo.messages[1]).toContain("falls back to the prefix 'kafka-sink'");
    expect(run({ ...BASE, "sink.semantic": "twice" }).messages[1]).toBe(
      "error: No enum constant org.apache.flink.connector.base.DeliveryGuarantee.TWICE: 'sink.semantic' must be one of exactly-once, at-least-once, none.",
    );
  });
});

describe("kafka: metadata columns", () => {
  it("accepts writable metadata on a sink and read-only metadata declared VIRTUAL", () => {
    const r = run(BASE, "sink", {
      columns: [
        ...COLS,
        { name: "ts", type: T.timestampLtz(3), kind: "metadata", metadataKey: "timestamp" },
        {
          name: "off",
          type: T.bigint(false),
          kind: "metadata",
          metadataKey: "offset",
          virtual: true,
        },
      ],
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.resolved).toMatchObject({
      metadataColumns: [{ name: "ts", key: "timestamp", index: 3 }],
    });
  });

  it("rejects a read-only key written by a sink", () => {
    const r = run(BASE, "sink", {
      columns: [
        ...COLS,
        { name: "off", type: T.bigint(false), kind: "metadata", metadataKey: "offset" },
      ],
    });
    expect(r.messages).toEqual([
      "error: Invalid metadata key 'offset' in column 'off' of table 'default_catalog.default_database.t'. The DynamicTableSink class 'org.apache.flink.streaming.connectors.kafka.table.KafkaDynamicSink' supports the following metadata keys for writing:\nheaders\ntimestamp Metadata 'offset' can only be read: declare the column as VIRTUAL to exclude it from INSERT.",
    ]);
    expect(r.diagnostics[0].line).toBe(5);
  });

  it("makes 'topic' writable only with a topic list or pattern", () => {
    const cols = [
      ...COLS,
      { name: "tp", type: T.string(false), kind: "metadata" as const, metadataKey: "topic" },
    ];
    expect(run(BASE, "sink", { columns: cols }).messages[0]).toContain(
      "Metadata 'topic' is writable only when",
    );
    expect(run({ ...BASE, topic: "a;b" }, "sink", { columns: cols }).diagnostics).toEqual([]);
  });
});

describe("kafka: properties.*", () => {
  it("reports a value the Kafka client rejects at the value", () => {
    const r = run({ ...BASE, "properties.acks": "everything" });
    expect(r.messages).toEqual([
      "error: Invalid value everything for configuration properties.acks: String must be one of: all, -1, 0, 1",
    ]);
    expect(r.diagnostics[0].column).toBe(3 + "properties.acks".length + 2 + 3);
  });

  it("warns about unknown properties at the key, with a did-you-mean", () => {
    const r = run({ ...BASE, "properties.linger.msec": "5" });
    expect(r.messages).toEqual([
      "warning: 'properties.linger.msec' is not a Kafka producer configuration (kafka-clients 3.4); the client ignores it. Did you mean 'properties.linger.ms'?",
    ]);
    expect(r.diagnostics[0].column).toBe(3);
    expect(r.resolved).toBeDefined();
  });

  it("treats group.id as source-only and Flink's own keys as known", () => {
    expect(run({ ...BASE, "properties.group.id": "g" }).messages).toEqual([
      "warning: 'properties.group.id' only applies to sources (the Kafka consumer); it has no effect when the table is written to.",
    ]);
    expect(run({ ...BASE, "properties.register.producer.metrics": "false" }).diagnostics).toEqual(
      [],
    );
    expect(
      run(
        { ...BASE, "properties.group.id": "g", "properties.commit.offsets.on.checkpoint": "false" },
        "source",
      ).diagnostics,
    ).toEqual([]);
  });

  it("warns that transactional.id is managed by the sink", () => {
    expect(run({ ...BASE, "properties.transactional.id": "x" }).messages).toEqual([
      "warning: 'properties.transactional.id' is managed by the sink: transactional ids are derived from 'sink.transactional-id-prefix'.",
    ]);
  });

  it("checks SASL settings, keeping the password out of messages", () => {
    const r = run({
      ...BASE,
      "properties.security.protocol": "SASL_PLAINTEXT",
      "properties.sasl.mechanism": "SCRAM-SHA-256",
      "properties.sasl.jaas.config":
        'org.apache.flink.kafka.shaded.org.apache.kafka.common.security.plain.PlainLoginModule required username="USERNAME" password="Pa55word!";',
    });
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0]).toContain("serves PLAIN, not SASL mechanism SCRAM-SHA-256");
    expect(r.messages[0]).not.toContain("Pa55word!");
    expect(r.diagnostics[0].line).toBe(optionLine(r.table, "properties.sasl.jaas.config"));
  });
});

describe("${secret_values.*} placeholders", () => {
  it("are accepted in any option value without value validation", () => {
    const r = run({
      ...BASE,
      "sink.parallelism": "${secret_values.parallelism}",
      "properties.sasl.jaas.config": "${secret_values.jaas}",
      "properties.security.protocol": "SASL_SSL",
      "properties.sasl.mechanism": "PLAIN",
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.resolved).toMatchObject({
      properties: { "sasl.jaas.config": "${secret_values.jaas}" },
    });
  });

  it("must be well formed", () => {
    expect(run({ ...BASE, "properties.client.id": "${secret_values.}" }).messages).toEqual([
      "error: Malformed secret placeholder '${secret_values.}' in option 'properties.client.id'; write ${secret_values.<name>}.",
    ]);
  });
});
