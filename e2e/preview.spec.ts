import { expect, test, type Page } from "@playwright/test";
import type * as Monaco from "monaco-editor";
import { createTopic, produce, testKafka, uniqueName } from "@/lib/kafka/testing/test-kafka";

type MonacoWindow = { monaco: typeof Monaco };
const bootstrap = process.env.KAFKA_BOOTSTRAP_SERVERS ?? "";

async function openEditorWith(page: Page, sql: string) {
  await page.goto("/");
  await expect(page.getByTestId("sql-editor").locator(".monaco-editor")).toBeVisible({
    timeout: 30_000,
  });
  await page.evaluate(
    (t) => (window as unknown as MonacoWindow).monaco.editor.getModels()[0].setValue(t),
    sql,
  );
  await expect(page.getByTestId("problem-count")).toHaveText("no problems");
}

async function endOffsets(topic: string) {
  const admin = testKafka(bootstrap).admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).map((o) => `${o.partition}:${o.high}`).sort();
  } finally {
    await admin.disconnect();
  }
}

test("preview of the spec's Kafka→Kafka script: rows, bytes and partitions, nothing written, no offsets committed", async ({
  page,
}) => {
  const kafka = testKafka(bootstrap);
  const source = await createTopic(kafka, uniqueName("pv-in"), 1);
  const sink = await createTopic(kafka, uniqueName("pv-out"), 2);
  await produce(
    kafka,
    source,
    Array.from({ length: 12 }, (_, i) => ({ value: `${i},person ${i},${30 + i}` })),
  );
  const group = `${source}-group`;
  await openEditorWith(
    page,
    `CREATE TEMPORARY TABLE kafka_source (
  id INT, name STRING, age INT
) WITH (
  'connector' = 'kafka',
  'topic' = '${source}',
  'properties.bootstrap.servers' = '${bootstrap}',
  'properties.group.id' = '${group}',
  'properties.auto.offset.reset' = 'earliest',
  'format' = 'csv'
);
CREATE TEMPORARY TABLE kafka_sink (
  id INT, name STRING, age INT
) WITH (
  'connector' = 'kafka',
  'topic' = '${sink}',
  'properties.bootstrap.servers' = '${bootstrap}',
  'format' = 'csv'
);
INSERT INTO kafka_sink SELECT id, name, age FROM kafka_source;`,
  );
  const before = await endOffsets(sink);
  const panel = page.getByTestId("preview-panel");
  await panel.getByLabel("Preview rows").fill("5");
  await panel.getByRole("button", { name: "Preview" }).click();
  await expect(panel.getByTestId("preview-row")).toHaveCount(5, { timeout: 30_000 });
  await expect(panel.getByTestId("preview-row").nth(2)).toContainText("person 2");
  // Flink's csv (Jackson) quotes a string with a space.
  await expect(panel.getByTestId("preview-value").nth(2)).toHaveAttribute(
    "data-hex",
    Buffer.from('2,"person 2",32').toString("hex"),
  );
  for (const p of await panel.getByTestId("preview-partition").allTextContents())
    expect(["0", "1"]).toContain(p);
  await expect(panel.getByTestId("preview-sources")).toContainText("5 read");

  expect(await endOffsets(sink)).toEqual(before);
  const admin = kafka.admin();
  await admin.connect();
  const [offsets] = await admin.fetchOffsets({ groupId: group, topics: [source] });
  await admin.disconnect();
  expect(offsets.partitions.map((p) => p.offset)).toEqual(["-1"]);
});

test("preview of a keyed default-partitioner table shows the partitions the Java producer picks", async ({
  page,
}) => {
  const sink = await createTopic(testKafka(bootstrap), uniqueName("pv-keyed"), 5);
  await openEditorWith(
    page,
    `CREATE TABLE keyed (k STRING, v INT) WITH (
  'connector' = 'kafka', 'topic' = '${sink}', 'properties.bootstrap.servers' = '${bootstrap}',
  'key.format' = 'raw', 'key.fields' = 'k', 'value.format' = 'json', 'sink.partitioner' = 'default'
);
INSERT INTO keyed VALUES ('21', 1), ('foobar', 2), ('abc', 3);`,
  );
  const panel = page.getByTestId("preview-panel");
  await panel.getByRole("button", { name: "Preview" }).click();
  await expect(panel.getByTestId("preview-record")).toHaveCount(3, { timeout: 30_000 });
  // murmur2 of Kafka's UtilsTest keys, toPositive(hash) % 5.
  expect(await panel.getByTestId("preview-partition").allTextContents()).toEqual(["0", "1", "2"]);
  expect(await endOffsets(sink)).toEqual(["0:0", "1:0", "2:0", "3:0", "4:0"]);
});
