import { expect, test } from "@playwright/test";
import { uniqueName } from "@/lib/kafka/testing/test-kafka";

const bootstrap = process.env.KAFKA_BOOTSTRAP_SERVERS ?? "";

test("create a topic in the UI, produce with a job, browse it decoded and see the live tail move", async ({
  page,
  request,
}) => {
  const topic = uniqueName("e2e-topic");
  await page.goto("/topics");
  const form = page.getByTestId("create-topic-form");
  await form.locator('input[name="topicName"]').fill(topic);
  await form.locator('input[name="partitions"]').fill("2");
  await form.locator('select[name="retention"]').selectOption({ label: "1 day" });
  await form.getByRole("button", { name: "Create topic" }).click();
  const row = page.locator(`[data-testid="topic-row"][data-topic="${topic}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText("1 d");
  await expect(row.getByTestId("topic-end-offsets")).toHaveText("0");
  // DescribeLogDirs: an empty topic's logs hold no bytes yet.
  await expect(row.getByTestId("topic-size")).toHaveText("0 B");

  await row.getByRole("link", { name: topic }).click();
  await expect(page.getByTestId("partition-row")).toHaveCount(2);
  const browser = page.getByTestId("message-browser");
  await browser.locator('select[name="valueFormat"]').selectOption("json");
  await browser.getByRole("button", { name: "Live tail" }).click();
  await expect(page.getByTestId("browse-info")).toContainText("Waiting for new records");

  // A job produces slowly (10 rows a second) into the topic while the tail is open.
  const sql = `CREATE TABLE gen (id INT, note STRING) WITH (
  'connector' = 'datagen', 'rows-per-second' = '10', 'number-of-rows' = '200',
  'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '200', 'fields.note.length' = '5'
);
CREATE TABLE sink_table (id INT, note STRING) WITH (
  'connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${bootstrap}', 'format' = 'json'
);
INSERT INTO sink_table SELECT id, note FROM gen;`;
  const deployed = await request.post("/api/jobs", { data: { name: topic, sql } });
  expect(deployed.status()).toBe(201);
  const { id } = (await deployed.json()) as { id: string };

  const rows = page.getByTestId("message-row");
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("message-value").first()).toContainText('"id":');
  const seen = await rows.count();
  await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(seen);

  // The topic page's size grows with what the job wrote.
  await page.getByRole("button", { name: "refresh" }).click();
  await expect
    .poll(async () => Number(await page.getByTestId("topic-size").getAttribute("data-bytes")))
    .toBeGreaterThan(0);
  await browser.getByRole("button", { name: "Stop tail" }).click();
  await browser.locator('select[name="order"]').selectOption("oldest");
  await browser.locator('select[name="startKind"]').selectOption("beginning");
  await browser.locator('input[name="filterExpression"]').fill("value.id <= 3");
  await browser.getByRole("button", { name: "Browse" }).click();
  await expect(rows).toHaveCount(3);
  await expect(page.getByTestId("message-value").first()).toContainText('"id":1');

  await request.post(`/api/jobs/${id}/cancel`);
});

test("cluster profile: create, test connection, use it for topics and diagnostics", async ({
  page,
}) => {
  const name = uniqueName("profile");
  await page.goto("/clusters");
  await expect(page.locator('[data-testid="cluster-row"][data-name="local"]')).toContainText(
    "default",
  );
  const form = page.getByTestId("cluster-form");
  await form.locator('input[name="name"]').fill(name);
  await form.locator('input[name="bootstrapServers"]').fill(bootstrap);
  await form.getByRole("button", { name: "Create profile" }).click();
  const row = page.locator(`[data-testid="cluster-row"][data-name="${name}"]`);
  await expect(row).toBeVisible();

  await row.getByRole("button", { name: "Test connection" }).click();
  await expect(page.getByTestId("diagnosis-explanation")).toHaveAttribute("data-ok", "true", {
    timeout: 30_000,
  });
  await row.getByRole("button", { name: "WITH options" }).click();
  await expect(page.getByTestId("cluster-snippet")).toContainText(
    `'properties.bootstrap.servers' = '${bootstrap}'`,
  );

  await row.getByRole("link", { name: "Topics" }).click();
  await expect(page.locator('select[name="cluster"] option:checked')).toHaveText(name);
  await expect(page.getByTestId("topic-row").first()).toBeVisible();

  // The editor inserts the profile's connection options at the cursor with one action.
  await page.goto("/");
  await expect(page.getByTestId("sql-editor").locator(".monaco-editor")).toBeVisible({
    timeout: 30_000,
  });
  await page.getByLabel("Insert connection").selectOption({ label: name });
  await expect
    .poll(() =>
      page.evaluate(() =>
        (
          window as unknown as {
            monaco: { editor: { getModels(): Array<{ getValue(): string }> } };
          }
        ).monaco.editor
          .getModels()[0]
          .getValue(),
      ),
    )
    .toContain(`'properties.bootstrap.servers' = '${bootstrap}',`);

  await page.goto("/diagnostics");
  await page.locator('select[name="clusterProfile"]').selectOption({ label: name });
  await page.getByRole("button", { name: "Diagnose" }).click();
  await expect(page.getByTestId("diagnosis-explanation")).toHaveAttribute("data-ok", "true", {
    timeout: 30_000,
  });
});
