import { expect, test } from "@playwright/test";
import type * as Monaco from "monaco-editor";
import { createTopic, produce, testKafka, uniqueName } from "@/lib/kafka/testing/test-kafka";
import { profileForServers } from "@/lib/topics/table-topic-link";

type MonacoWindow = { monaco: typeof Monaco };
const bootstrap = process.env.KAFKA_BOOTSTRAP_SERVERS ?? "";

test("Browse topic on a csv table opens its topic on the table's cluster profile, decoded with the table's delimiter and key", async ({
  page,
  request,
}) => {
  const kafka = testKafka(bootstrap);
  const topic = await createTopic(kafka, uniqueName("from-table"), 1);
  // ';'-delimited values: with csv's default ',' the first field would not parse as an INT.
  await produce(kafka, topic, [
    { key: "k-1", value: "1;alice" },
    { key: "k-2", value: "2;bob" },
  ]);
  const sql = `CREATE TABLE people (
  k STRING, id INT, name STRING
) WITH (
  'connector' = 'kafka',
  'topic' = '${topic}',
  'properties.bootstrap.servers' = '${bootstrap}',
  'key.format' = 'raw',
  'key.fields' = 'k',
  'value.format' = 'csv',
  'value.csv.field-delimiter' = ';',
  'value.fields-include' = 'EXCEPT_KEY',
  'scan.startup.mode' = 'earliest-offset'
);`;
  await page.goto("/");
  await expect(page.getByTestId("sql-editor").locator(".monaco-editor")).toBeVisible({
    timeout: 30_000,
  });
  await page.evaluate(
    (t) => (window as unknown as MonacoWindow).monaco.editor.getModels()[0].setValue(t),
    sql,
  );

  const lens = page
    .getByTestId("sql-editor")
    .locator(".codelens-decoration a", { hasText: `Browse topic '${topic}'` });
  await expect(lens).toBeVisible({ timeout: 15_000 });
  const opened = page.waitForEvent("popup");
  await lens.click();
  const tab = await opened;
  await tab.waitForURL(/\/topics\//);

  // The profile whose bootstrap servers are the table's.
  const { clusters } = (await (await request.get("/api/clusters")).json()) as {
    clusters: Array<{ id: string; bootstrapServers: string }>;
  };
  const profile = profileForServers(clusters, bootstrap);
  expect(profile).toBeDefined();
  const url = new URL(tab.url());
  expect(decodeURIComponent(url.pathname)).toBe(`/topics/${topic}`);
  expect(url.searchParams.get("cluster")).toBe(profile!.id);

  const browser = tab.getByTestId("message-browser");
  await expect(tab.getByTestId("decoding-from-table")).toContainText("people");
  await expect(browser.locator('select[name="keyFormat"]')).toHaveValue("raw");
  await expect(browser.locator('select[name="valueFormat"]')).toHaveValue("csv");
  await expect(browser.locator('input[name="columns"]')).toHaveValue("id INT, name STRING");
  await expect(browser.locator('textarea[name="valueOptions"]')).toHaveValue("field-delimiter=;");

  await browser.locator('select[name="order"]').selectOption("oldest");
  await browser.locator('select[name="startKind"]').selectOption("beginning");
  await browser.getByRole("button", { name: "Browse" }).click();
  const rows = tab.getByTestId("message-row");
  await expect(rows).toHaveCount(2);
  await expect(tab.getByTestId("message-value").nth(0)).toHaveText('{"id":1,"name":"alice"}');
  await expect(tab.getByTestId("message-value").nth(1)).toHaveText('{"id":2,"name":"bob"}');
  await expect(tab.getByTestId("message-key").nth(0)).toHaveText("k-1");
});
