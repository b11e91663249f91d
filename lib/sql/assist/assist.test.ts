import { describe, expect, it } from "vitest";
import { KAFKA_OPTIONAL, KAFKA_REQUIRED } from "@/lib/connectors/kafka/kafka-options";
import { csvFormat } from "@/lib/formats/csv/csv-format";
import { CLIENT_CONFIG_KEYS } from "@/lib/kafka/client-config/catalog";
import { CLIENT_CONFIG_DOCS } from "@/lib/kafka/client-config/docs";
import { parseDataTypeText } from "@/lib/sql/parser";
import { DATA_TYPE_NAMES } from "@/lib/sql/keywords";
import { validateScript } from "@/lib/sql/validate";
import type { Diagnostic, QuickFix } from "@/lib/sql/diagnostic";
import { complete } from "./complete";
import { hover } from "./hover";

/** The text with the cursor marker `|` removed, and the cursor's offset. */
function at(marked: string): [string, number] {
  const offset = marked.indexOf("|");
  return [marked.slice(0, offset) + marked.slice(offset + 1), offset];
}

const labels = (marked: string, ctx = {}) => complete(...at(marked), ctx).map((i) => i.label);

/** Applies a fix's edits (1-based, end-exclusive spans) to the text. */
function applyFix(text: string, fix: QuickFix): string {
  const lines = text.split("\n");
  const offsetOf = (line: number, column: number) =>
    lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  const edits = [...fix.edits].sort(
    (a, b) => offsetOf(b.range.line, b.range.column) - offsetOf(a.range.line, a.range.column),
  );
  let out = text;
  for (const e of edits) {
    const start = offsetOf(e.range.line, e.range.column);
    const end = offsetOf(e.range.endLine, e.range.endColumn);
    out = out.slice(0, start) + e.text + out.slice(end);
  }
  return out;
}

const SINK = (options: string) => `CREATE TABLE sink (id INT, name STRING) WITH (
  'connector' = 'kafka',
  'topic' = 't',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'csv'${options}
);
INSERT INTO sink VALUES (1, 'a');`;

describe("completion inside WITH (", () => {
  it("offers every option the kafka connector declares, required first, none already set", () => {
    const items = complete(...at(SINK(",\n  |")));
    const keys = items.map((i) => i.label);
    for (const o of [...KAFKA_REQUIRED, ...KAFKA_OPTIONAL])
      if (!["connector", "topic", "properties.bootstrap.servers", "format"].includes(o.key))
        expect(keys).toContain(o.key);
    expect(keys).toContain("sink.partitioner");
    expect(keys).not.toContain("topic"); // already set
    const partitioner = items.find((i) => i.label === "sink.partitioner")!;
    expect(partitioner.insertText).toBe("'sink.partitioner' = ");
    expect(partitioner.documentation).toContain("default `default`");
    expect(partitioner.documentation).toContain("optional");
  });

  it("offers the csv format's options under the format's prefix, with defaults", () => {
    const keys = labels(SINK(",\n  |"));
    for (const o of csvFormat.optionalOptions) expect(keys).toContain(`csv.${o.key}`);
    const delim = complete(...at(SINK(",\n  |"))).find((i) => i.label === "csv.field-delimiter")!;
    expect(delim.detail).toContain("default ,");
  });

  it("offers the Kafka client's keys under properties., with their docs", () => {
    const items = complete(...at(SINK(",\n  '|'")));
    const keys = items.map((i) => i.label);
    for (const k of CLIENT_CONFIG_KEYS)
      if (k.key !== "bootstrap.servers" && k.key !== "group.id")
        expect(keys).toContain(`properties.${k.key}`);
    const acks = items.find((i) => i.label === "properties.acks")!;
    expect(acks.documentation).toContain(CLIENT_CONFIG_DOCS.acks);
    // Inside a half-typed key the whole literal is replaced and matched with its quotes.
    expect(acks.filterText).toBe("'properties.acks'");
    expect(acks.insertText).toBe("'properties.acks' = ");
  });

  it("replaces a key literal being edited without adding a second '='", () => {
    const [text, offset] = at(SINK(",\n  'sink.par|titoner' = 'fixed'"));
    const item = complete(text, offset).find((i) => i.label === "sink.partitioner")!;
    expect(item.insertText).toBe("'sink.partitioner'");
    expect(text.slice(item.replaceStart, item.replaceEnd)).toBe("'sink.partitoner'");
  });

  it("replaces a key typed without its quote", () => {
    const [text, offset] = at(SINK(",\n  sink.parti|"));
    const item = complete(text, offset).find((i) => i.label === "sink.partitioner")!;
    expect(text.slice(item.replaceStart, item.replaceEnd)).toBe("sink.parti");
    expect(item.filterText).toBe("sink.partitioner");
    expect(item.insertText).toBe("'sink.partitioner' = ");
  });

  it("offers only 'connector' before the connector is known", () => {
    expect(labels("CREATE TABLE t (a INT) WITH (|)")).toEqual(["connector"]);
  });

  it("offers the values of an option: partitioners, enumerations, connectors, formats", () => {
    expect(labels(SINK(",\n  'sink.partitioner' = '|'"))).toEqual([
      "default",
      "fixed",
      "round-robin",
    ]);
    expect(
      labels(SINK(",\n  'sink.partitioner' = |"), { partitionerClasses: ["com.acme.ByRegion"] }),
    ).toEqual(["default", "fixed", "round-robin", "com.acme.ByRegion"]);
    expect(labels(SINK(",\n  'scan.startup.mode' = '|'"))).toEqual([
      "earliest-offset",
      "latest-offset",
      "group-offsets",
      "timestamp",
      "specific-offsets",
    ]);
    expect(labels(SINK(",\n  'sink.delivery-guarantee' = '|'"))).toEqual([
      "exactly-once",
      "at-least-once",
      "none",
    ]);
    expect(labels(SINK(",\n  'value.fields-include' = '|'"))).toEqual(["ALL", "EXCEPT_KEY"]);
    expect(labels("CREATE TABLE t (a INT) WITH ('connector' = '|')")).toContain("upsert-kafka");
    expect(labels(SINK(",\n  'key.format' = '|'"))).toContain("avro-confluent");
    expect(labels(SINK(",\n  'properties.security.protocol' = '|'"))).toEqual([
      "PLAINTEXT",
      "SSL",
      "SASL_PLAINTEXT",
      "SASL_SSL",
    ]);
    expect(labels(SINK(",\n  'csv.ignore-parse-errors' = '|'"))).toEqual(["true", "false"]);
  });

  it("offers secret names inside ${secret_values.", () => {
    const [text, offset] = at(
      SINK(",\n  'properties.sasl.jaas.config' = 'x password=\"${secret_values.|\";'"),
    );
    const items = complete(text, offset, { secretNames: ["kafka_password", "other"] });
    expect(items.map((i) => i.label)).toEqual(["kafka_password", "other"]);
    const fixed =
      text.slice(0, items[0].replaceStart) + items[0].insertText + text.slice(items[0].replaceEnd);
    expect(fixed).toContain("${secret_values.kafka_password}\";'");
  });

  it("expands datagen's fields.#. options with the table's columns", () => {
    const keys = labels("CREATE TABLE g (id INT, v STRING) WITH ('connector' = 'datagen', |)");
    expect(keys).toContain("fields.id.kind");
    expect(keys).toContain("fields.v.length");
    expect(keys).not.toContain("fields.#.kind");
  });
});

describe("completion outside WITH", () => {
  const SCRIPT = `CREATE TABLE src (id INT, \`full name\` STRING) WITH ('connector' = 'datagen');
CREATE TABLE snk (id INT) WITH ('connector' = 'blackhole');
`;
  it("offers statements at the start of a statement", () => {
    expect(labels(SCRIPT + "|")).toEqual(expect.arrayContaining(["CREATE", "INSERT", "SET"]));
  });
  it("offers tables after FROM and INTO, columns of tables the statement names, functions", () => {
    expect(labels(SCRIPT + "INSERT INTO |")).toEqual(["src", "snk"]);
    const items = complete(...at(SCRIPT + "INSERT INTO snk SELECT | FROM src"));
    const names = items.map((i) => i.label);
    expect(names).toEqual(expect.arrayContaining(["id", "full name", "UPPER", "COUNT", "CAST"]));
    expect(items.find((i) => i.label === "full name")!.insertText).toBe("`full name`");
    expect(items.find((i) => i.label === "UPPER")!.documentation).toContain("UPPER(");
  });
  it("offers a table's columns after its name or alias and a dot", () => {
    expect(labels(SCRIPT + "INSERT INTO snk SELECT s.| FROM src AS s")).toEqual([
      "id",
      "full name",
    ]);
    expect(labels(SCRIPT + "INSERT INTO snk SELECT src.|")).toEqual(["id", "full name"]);
  });
  it("offers data types the parser accepts", () => {
    for (const t of DATA_TYPE_NAMES) {
      const text = ["ARRAY", "MULTISET"].includes(t)
        ? `${t}<INT>`
        : t === "MAP"
          ? "MAP<INT, INT>"
          : t === "ROW"
            ? "ROW<a INT>"
            : t;
      expect(parseDataTypeText(text).diagnostics, t).toEqual([]);
    }
  });
});

describe("metadata keys", () => {
  const table = (format: string) =>
    `CREATE TABLE s (a STRING, m STRING METADATA FROM 'o|') WITH ('connector' = 'kafka', 'topic' = 't', 'format' = '${format}');`;

  it("offers the connector's and the value format's keys inside METADATA FROM '…'", () => {
    const items = complete(...at(table("debezium-json")));
    expect(items.map((i) => i.label)).toEqual(
      expect.arrayContaining(["value.schema", "value.source.table", "topic", "offset", "headers"]),
    );
    const offset = items.find((i) => i.label === "offset")!;
    expect(offset.detail).toBe("BIGINT NOT NULL · read");
    expect(offset.insertText).toBe("'offset'");
    const [text] = at(table("debezium-json"));
    expect(text.slice(offset.replaceStart, offset.replaceEnd)).toBe("'o'");
    expect(items.find((i) => i.label === "headers")!.detail).toContain("read/write");
  });

  it("offers no format keys for a format without metadata, and none for a connector without any", () => {
    expect(labels(table("csv")).some((l) => l.startsWith("value."))).toBe(false);
    expect(
      labels(
        "CREATE TABLE s (a STRING, m STRING METADATA FROM '|') WITH ('connector' = 'datagen');",
      ),
    ).toEqual([]);
  });
});

describe("hover", () => {
  it("shows an option's documentation on its key", () => {
    const [text, offset] = at(SINK(",\n  'scan.star|tup.mode' = 'earliest-offset'"));
    const h = hover(text, offset)!;
    expect(h.contents).toContain(
      "**'scan.startup.mode'** · enum · optional · default `group-offsets`",
    );
    expect(h.contents).toContain("Startup mode for Kafka consumer.");
    expect(h.contents).toContain("`earliest-offset` — Start from the earliest offset");
    expect(text.slice(h.start, h.end)).toBe("'scan.startup.mode'");
  });
  it("says a deprecated option is, with what to use instead (from the descriptor)", () => {
    const h = hover(...at(SINK(",\n  'sink.sem|antic' = 'at-least-once'")))!;
    expect(h.contents).toContain(
      "**Deprecated:** sink.semantic is deprecated and will be removed. Please use sink.delivery-guarantee instead.",
    );
  });
  it("shows a value's meaning on an enumerated value", () => {
    const h = hover(...at(SINK(",\n  'sink.partitioner' = 'fi|xed'")))!;
    expect(h.contents).toContain("Each parallel sink instance writes to one Kafka partition");
  });
  it("shows a client property's documentation", () => {
    const h = hover(...at(SINK(",\n  'properties.li|nger.ms' = '5'")))!;
    expect(h.contents).toContain(CLIENT_CONFIG_DOCS["linger.ms"]);
  });
  it("shows a function's signatures and a table's columns", () => {
    const script =
      "CREATE TABLE src (id INT) WITH ('connector' = 'datagen');\nSELECT UPP|ER(CAST(id AS STRING)) FROM src";
    expect(hover(...at(script))!.contents).toContain("**UPPER** · scalar function");
    expect(
      hover(...at(script.replace("UPP|ER", "UPPER").replace("FROM src", "FROM s|rc")))!.contents,
    ).toContain("`id` INT");
  });
});

describe("quick fixes made by the validator", () => {
  const fixOf = (sql: string, match: (d: Diagnostic) => boolean) => {
    const d = validateScript(sql).diagnostics.find(match);
    expect(d, JSON.stringify(validateScript(sql).diagnostics)).toBeDefined();
    expect(d!.fixes?.length).toBe(1);
    return applyFix(sql, d!.fixes![0]);
  };
  it("a misspelt option key", () => {
    const sql = SINK(",\n  'sink.partitoner' = 'fixed'");
    expect(fixOf(sql, (d) => d.message.includes("Unsupported options"))).toBe(
      SINK(",\n  'sink.partitioner' = 'fixed'"),
    );
  });
  it("a misspelt connector, enum value, client property and built-in partitioner", () => {
    const c = SINK("").replace("'kafka'", "'kafak'");
    expect(fixOf(c, (d) => d.message.includes("Could not find any factory"))).toBe(SINK(""));
    const e = SINK(",\n  'sink.delivery-guarantee' = 'exactly-onse'");
    expect(fixOf(e, (d) => d.message.includes("Invalid value"))).toBe(
      SINK(",\n  'sink.delivery-guarantee' = 'exactly-once'"),
    );
    const p = SINK(",\n  'properties.lingr.ms' = '5'");
    expect(fixOf(p, (d) => d.message.includes("Did you mean"))).toBe(
      SINK(",\n  'properties.linger.ms' = '5'"),
    );
    const r = SINK(",\n  'sink.partitioner' = 'round-robbin'");
    expect(fixOf(r, (d) => d.message.includes("Did you mean"))).toBe(
      SINK(",\n  'sink.partitioner' = 'round-robin'"),
    );
  });
  it("a missing required option is inserted", () => {
    const sql =
      "CREATE TABLE s (id INT) WITH (\n  'connector' = 'kafka',\n  'topic' = 't',\n  'format' = 'csv'\n);\nINSERT INTO s VALUES (1);";
    expect(fixOf(sql, (d) => d.message.includes("required options are missing"))).toBe(
      "CREATE TABLE s (id INT) WITH (\n  'connector' = 'kafka',\n  'topic' = 't',\n  'format' = 'csv',\n  'properties.bootstrap.servers' = ''\n);\nINSERT INTO s VALUES (1);",
    );
  });
  it("misspelt names: table, column, function", () => {
    const base =
      "CREATE TABLE src (id INT, name STRING) WITH ('connector' = 'datagen');\nCREATE TABLE snk (id INT, name STRING) WITH ('connector' = 'blackhole');\n";
    expect(
      fixOf(base + "INSERT INTO snk SELECT id, name FROM scr;", (d) =>
        d.message.includes("not found"),
      ),
    ).toBe(base + "INSERT INTO snk SELECT id, name FROM src;");
    expect(
      fixOf(base + "INSERT INTO snk SELECT id, nmae FROM src;", (d) =>
        d.message.includes("not found"),
      ),
    ).toBe(base + "INSERT INTO snk SELECT id, name FROM src;");
    expect(
      fixOf(base + "INSERT INTO snk SELECT id, UPPR(name) FROM src;", (d) =>
        d.message.includes("No match"),
      ),
    ).toBe(base + "INSERT INTO snk SELECT id, UPPER(name) FROM src;");
  });
});

describe("an option's release and deprecation, from its descriptor", () => {
  const UPSERT = (
    options: string,
  ) => `CREATE TABLE u (id INT, name STRING, PRIMARY KEY (id) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka',
  'topic' = 't',
  'properties.bootstrap.servers' = 'localhost:9092',
  'key.format' = 'csv',
  'value.format' = 'csv'${options}
);`;

  it("hover names the release the option appeared in, per connector", () => {
    const h = hover(...at(UPSERT(",\n  'scan.bounded.mo|de' = 'latest-offset'")))!;
    expect(h.contents).toContain(
      "**'scan.bounded.mode'** · enum · optional · default `unbounded` · since flink-connector-kafka 3.1.0",
    );
  });

  it("hover says what changed later, with the release that changed it", () => {
    const h = hover(...at(SINK(",\n  'scan.topic-partition-disco|very.interval' = '1 min'")))!;
    expect(h.contents).toContain(
      "_Since flink-connector-kafka 3.1.0:_ Defaults to 5 min (FLIP-288, FLINK-32020); before,",
    );
  });

  it("completion shows the release, and marks a deprecated option and lists it last", () => {
    const items = complete(...at(SINK(",\n  |")));
    const semantic = items.find((i) => i.label === "sink.semantic")!;
    expect(semantic.deprecated).toBe(true);
    expect(semantic.detail).toBe("string · optional · deprecated");
    const sorted = [...items].sort((a, b) => (a.sortText < b.sortText ? -1 : 1));
    expect(sorted.at(-1)!.label).toBe("sink.semantic");
    expect(items.filter((i) => i.deprecated).map((i) => i.label)).toEqual(["sink.semantic"]);
    const pattern = complete(...at(UPSERT(",\n  |"))).find((i) => i.label === "topic-pattern")!;
    expect(pattern.detail).toBe("string · optional · since flink-connector-kafka 3.3.0");
    expect(pattern.deprecated).toBeUndefined();
  });
});
