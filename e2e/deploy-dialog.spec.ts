import { expect, test, type Page } from "@playwright/test";
import type * as Monaco from "monaco-editor";
import { produce, testKafka } from "@/lib/kafka/testing/test-kafka";

type MonacoWindow = { monaco: typeof Monaco };

async function openEditorWith(page: Page, text: string) {
  await page.goto("/");
  await expect(page.getByTestId("sql-editor").locator(".monaco-editor")).toBeVisible({
    timeout: 30_000,
  });
  await page.evaluate((t) => {
    (window as unknown as MonacoWindow).monaco.editor.getModels()[0].setValue(t);
  }, text);
}

async function bootstrapServers(page: Page): Promise<string> {
  const health = await (await page.request.get("/api/health")).json();
  return health.components.kafka.bootstrapServers as string;
}

test("a template deploys and its job runs, after creating its missing topic in one click", async ({
  page,
}) => {
  await page.goto("/");
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
  await page.getByRole("button", { name: "New from template" }).click();
  const gallery = page.getByTestId("template-gallery");
  for (const title of [
    "Kafka → Kafka (CSV)",
    "datagen → Kafka (JSON)",
    "SASL_PLAINTEXT connection",
    "SASL_SSL connection",
    "Custom partitioner",
    "Exactly-once Kafka → Kafka",
    "Aggregation into upsert-kafka",
  ])
    await expect(gallery).toContainText(title);
  await gallery.getByRole("button", { name: /datagen → Kafka/ }).click();
  // A fresh topic name, so the test does not depend on what earlier runs created.
  const topic = `orders-${Date.now()}`;
  await page.evaluate((t) => {
    const model = (window as unknown as MonacoWindow).monaco.editor.getModels()[0];
    model.setValue(model.getValue().replace("'topic' = 'orders'", `'topic' = '${t}'`));
  }, topic);
  const servers = await bootstrapServers(page);
  expect(
    await page.evaluate(() =>
      (window as unknown as MonacoWindow).monaco.editor.getModels()[0].getValue(),
    ),
  ).toContain(`'properties.bootstrap.servers' = '${servers}'`);

  // The topic does not exist: a warning (not an error) with a create action.
  const problems = page.getByTestId("problems");
  await expect(problems).toContainText(`Topic '${topic}' does not exist`);
  await expect(page.getByTestId("problem-count")).toHaveText("0 errors, 1 warning");
  await problems.getByRole("button", { name: `Create topic '${topic}'` }).click();
  const create = page.getByRole("dialog", { name: `Create topic '${topic}'` });
  await create.getByLabel("Partitions").fill("2");
  await create.getByLabel("Retention").selectOption({ label: "1 day" });
  await create.getByRole("button", { name: "Create topic" }).click();
  await expect(page.getByRole("status")).toHaveText(`Created topic '${topic}'.`);
  await expect(page.getByTestId("problem-count")).toHaveText("no problems");

  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Deploy job" });
  await expect(dialog.getByTestId("deploy-plan")).toContainText("Sink(table=");
  await dialog.getByLabel("Job name").fill(`template-${Date.now()}`);
  await dialog.getByRole("button", { name: "Deploy" }).click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "FINISHED", {
    timeout: 45_000,
  });
});

test("the deploy dialog's start-from choices each reach the job as they say", async ({ page }) => {
  const servers = await bootstrapServers(page);
  const source = `src-${Date.now()}`;
  for (const name of [source, `${source}-out`]) {
    const res = await page.request.post("/api/topics", { data: { name, partitions: 2 } });
    expect(res.status()).toBe(201);
  }
  const sql = `SET 'execution.checkpointing.interval' = '7 s';
CREATE TABLE src (id INT) WITH (
  'connector' = 'kafka',
  'topic' = '${source}',
  'properties.bootstrap.servers' = '${servers}',
  'properties.group.id' = 'dialog-${source}',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'csv'
);
CREATE TABLE snk (id INT) WITH (
  'connector' = 'kafka',
  'topic' = '${source}-out',
  'properties.bootstrap.servers' = '${servers}',
  'sink.delivery-guarantee' = 'at-least-once',
  'format' = 'csv'
);
INSERT INTO snk SELECT id FROM src;`;
  await openEditorWith(page, sql);
  await expect(page.getByTestId("problem-count")).toHaveText("no problems");

  const deployWith = async (choose: (d: ReturnType<Page["getByRole"]>) => Promise<void>) => {
    await page.getByRole("button", { name: "Deploy", exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "Deploy job" });
    await expect(dialog).toContainText("src: earliest-offset");
    await expect(dialog.getByTestId("deploy-sink")).toContainText("delivery at-least-once");
    await expect(dialog.getByTestId("deploy-checkpoint")).toHaveText("7 s");
    await dialog.getByLabel("Job name").fill(`dialog-${Date.now()}`);
    await dialog.getByLabel("Parallelism").fill("2");
    await choose(dialog);
    const posted = page.waitForRequest(
      (r) => r.url().endsWith("/api/jobs") && r.method() === "POST",
    );
    await dialog.getByRole("button", { name: "Deploy" }).click();
    const body = (await posted).postDataJSON() as {
      sql: string;
      parallelism: number;
      resumeFrom?: { offsets: Record<string, Record<string, string>> };
    };
    await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    const id = page.url().split("/").pop()!;
    const job = await (await page.request.get(`/api/jobs/${id}`)).json();
    await page.request.post(`/api/jobs/${id}/cancel`);
    await openEditorWith(page, sql);
    return { body, job };
  };

  const script = await deployWith(async () => undefined);
  expect(script.body.sql).toBe(sql);
  expect(script.body.parallelism).toBe(2);
  expect(script.body.resumeFrom).toBeUndefined();

  const group = await deployWith((d) => d.getByLabel("Committed group offsets").check());
  expect(group.job.sql).toContain("'scan.startup.mode' = 'group-offsets'");

  const at = "2026-01-02T03:04:05";
  const ts = await deployWith(async (d) => {
    await d.getByLabel("A point in time").check();
    await d.getByLabel("First record at or after (your local time)").fill(at);
  });
  const millis = await page.evaluate((t) => new Date(t).getTime(), at);
  expect(ts.job.sql).toContain("'scan.startup.mode' = 'timestamp'");
  expect(ts.job.sql).toContain(`'scan.startup.timestamp-millis' = '${millis}'`);

  const explicit = await deployWith(async (d) => {
    await d.getByLabel("Explicit offsets").check();
    await d
      .getByLabel("One 'topic partition offset' per line")
      .fill(`${source} 0 5\n${source} 1 7`);
  });
  expect(explicit.body.resumeFrom).toEqual({ offsets: { [source]: { "0": "5", "1": "7" } } });
});

test("explicit offsets from the deploy dialog are where the job starts reading", async ({
  page,
}) => {
  const servers = await bootstrapServers(page);
  const topic = `from-offsets-${Date.now()}`;
  for (const name of [topic, `${topic}-out`])
    expect(
      (await page.request.post("/api/topics", { data: { name, partitions: 1 } })).status(),
    ).toBe(201);
  await produce(
    testKafka(servers),
    topic,
    Array.from({ length: 10 }, (_, i) => ({ value: String(i), partition: 0 })),
  );
  await openEditorWith(
    page,
    `CREATE TABLE src (id INT) WITH (
  'connector' = 'kafka',
  'topic' = '${topic}',
  'properties.bootstrap.servers' = '${servers}',
  'properties.group.id' = '${topic}-g',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'csv'
);
CREATE TABLE snk (id INT) WITH (
  'connector' = 'kafka',
  'topic' = '${topic}-out',
  'properties.bootstrap.servers' = '${servers}',
  'format' = 'csv'
);
INSERT INTO snk SELECT id FROM src;`,
  );
  await expect(page.getByTestId("problem-count")).toHaveText("no problems");
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Deploy job" });
  await dialog.getByLabel("Job name").fill(topic);
  await dialog.getByLabel("Explicit offsets").check();
  await dialog.getByLabel("One 'topic partition offset' per line").fill(`${topic} 0 6`);
  await dialog.getByRole("button", { name: "Deploy" }).click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "FINISHED", {
    timeout: 45_000,
  });
  // Offsets 6..9 of the 10 records: four read and written, not ten.
  await expect(page.getByTestId("records-in")).toHaveText("4", { timeout: 15_000 });
  await expect(page.getByTestId("records-out")).toHaveText("4");
});
