import { describe, expect, it } from "vitest";
import { profileForServers, tableTopicLinks, topicPageHref } from "./table-topic-link";

describe("tableTopicLinks", () => {
  it("takes a csv table's format options and columns for the value", () => {
    const [link] = tableTopicLinks(`CREATE TABLE orders (id BIGINT, name STRING, ts AS NOW()) WITH (
  'connector' = 'kafka', 'topic' = 'orders', 'properties.bootstrap.servers' = 'b:9092,a:9092',
  'format' = 'csv', 'csv.field-delimiter' = ';', 'csv.ignore-parse-errors' = 'true');`);
    expect(link).toMatchObject({
      table: "orders",
      topic: "orders",
      bootstrapServers: "b:9092,a:9092",
      key: { format: "none" },
      value: {
        format: "csv",
        columns: "id BIGINT, name STRING",
        options: { "field-delimiter": ";", "ignore-parse-errors": "true" },
      },
      span: { line: 1, column: 1 },
    });
  });

  it("splits key and value by key.fields, the prefix and value.fields-include", () => {
    const [link] = tableTopicLinks(`CREATE TABLE t (k_id INT, \`the name\` STRING, v INT) WITH (
  'connector' = 'kafka', 'topic' = 't', 'key.format' = 'json', 'key.fields' = 'k_id',
  'key.fields-prefix' = 'k_', 'key.json.ignore-parse-errors' = 'true',
  'value.format' = 'csv', 'value.csv.field-delimiter' = '|', 'value.fields-include' = 'EXCEPT_KEY');`);
    expect(link.key).toEqual({
      format: "json",
      columns: "id INT",
      options: { "ignore-parse-errors": "true" },
    });
    expect(link.value).toEqual({
      format: "csv",
      columns: "`the name` STRING, v INT",
      options: { "field-delimiter": "|" },
    });
  });

  it("uses upsert-kafka's primary key as the key, and skips what has no single topic page", () => {
    const links =
      tableTopicLinks(`CREATE TABLE u (id INT, n BIGINT, PRIMARY KEY (id) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = 'u', 'key.format' = 'raw', 'value.format' = 'json');
CREATE TABLE many (a INT) WITH ('connector' = 'kafka', 'topic' = 'x;y', 'format' = 'csv');
CREATE TABLE pattern (a INT) WITH ('connector' = 'kafka', 'topic-pattern' = 'x.*', 'format' = 'csv');
CREATE TABLE gen (a INT) WITH ('connector' = 'datagen');
CREATE TABLE proto (a INT) WITH ('connector' = 'kafka', 'topic' = 'p', 'format' = 'protobuf');`);
    expect(links.map((l) => l.table)).toEqual(["u", "proto"]);
    expect(links[0].key).toEqual({ format: "raw" });
    expect(links[0].value).toEqual({ format: "json", columns: "id INT, n BIGINT" });
    expect(links[1].value).toEqual({ format: "none" });
  });
});

describe("profileForServers and topicPageHref", () => {
  const profiles = [
    { id: "p1", bootstrapServers: "localhost:9092", isDefault: true },
    { id: "p2", bootstrapServers: "a:9092, b:9092" },
  ];
  it("matches a profile by the set of servers, in any order", () => {
    expect(profileForServers(profiles, "b:9092,a:9092")?.id).toBe("p2");
    expect(profileForServers(profiles, "c:9092")).toBeUndefined();
    expect(profileForServers(profiles, null)).toBeUndefined();
  });
  it("puts the cluster and the decoding in the topic page's query", () => {
    const [link] = tableTopicLinks(
      "CREATE TABLE t (a INT) WITH ('connector' = 'kafka', 'topic' = 'a/b', 'format' = 'csv', 'csv.field-delimiter' = ';');",
    );
    const url = new URL(topicPageHref(link, "p1"), "http://x");
    expect(url.pathname).toBe("/topics/a%2Fb");
    expect(url.searchParams.get("cluster")).toBe("p1");
    expect(JSON.parse(url.searchParams.get("value")!)).toEqual({
      format: "csv",
      columns: "a INT",
      options: { "field-delimiter": ";" },
    });
    expect(JSON.parse(url.searchParams.get("key")!)).toEqual({ format: "none" });
  });
});

describe("format options as text", () => {
  it("round-trips name=value lines, a value keeping its = and spaces", async () => {
    const { optionsFromText, optionsToText } = await import("./format-options-text");
    const options = { "field-delimiter": ";", "null-literal": "a = b " };
    expect(optionsFromText(optionsToText(options))).toEqual(options);
    expect(optionsFromText("no equals\n")).toBeUndefined();
  });
});
