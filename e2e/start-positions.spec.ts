// Where a job starts reading, checked by reading what it wrote: committed group offsets (the
// dialog's choice and 'scan.startup.mode' = 'group-offsets' in the script), a timestamp, and a
// redeploy from explicit per-partition offsets prefilled from the last stop. Plus the engine choice.
import { expect, test, type Locator, type Page } from "@playwright/test";
import type * as Monaco from "monaco-editor";
import { commitGroupOffsets, produce, readAll, testKafka } from "@/lib/kafka/testing/test-kafka";

type MonacoWindow = { monaco: typeof Monaco };

async function bootstrapServers(page: Page): Promise<string> {
  const health = await (await page.request.get("/api/health")).json();
  return health.components.kafka.bootstrapServers as string;
}

async function createTopics(page: Page, ...names: string[]) {
  for (const name of names)
    expect(
      (await page.request.post("/api/topics", { data: { name, partitions: 1 } })).status(),
    ).toBe(201);
}

const script = (servers: string, topic: string, group: string, startup: string, bounded = true) =>
  `CREATE TABLE src (id INT) WITH (
  'connector' = 'kafka',
  'topic' = '${topic}',
  'properties.bootstrap.servers' = '${servers}',
  'properties.group.id' = '${group}',
  'scan.startup.mode' = '${startup}',${bounded ? "\n  'scan.bounded.mode' = 'latest-offset'," : ""}
  'format' = 'csv'
);
CREATE TABLE snk (id INT) WITH (
  'connector' = 'kafka',
  'topic' = '${topic}-out',
  'properties.bootstrap.servers' = '${servers}',
  'format' = 'csv'
);
INSERT INTO snk SELECT id FROM src;`;

/** Opens the editor with `sql`, deploys it through the dialog after `choose`, returns the job page's id. */
async function deployThroughDialog(
  page: Page,
  sql: string,
  name: string,
  choose: (dialog: Locator) => Promise<void> = async () => undefined,
): Promise<string> {
  await page.goto("/");
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
  await page.evaluate((t) => {
    (window as unknown as MonacoWindow).monaco.editor.getModels()[0].setValue(t);
  }, sql);
  await expect(page.getByTestId("problem-count")).toHaveText("no problems");
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Deploy job" });
  await dialog.getByLabel("Job name").fill(name);
  await choose(dialog);
  await dialog.getByRole("button", { name: "Deploy" }).click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  return page.url().split("/").pop()!;
}

const values = async (servers: string, topic: string, atLeast: number) =>
  (await readAll(testKafka(servers), topic, { atLeast })).map((r) => r.value?.toString());

const range = (from: number, to: number) =>
  Array.from({ length: to - from }, (_, i) => String(from + i));

test("committed group offsets: the dialog's choice and the script's group-offsets mode read exactly what follows them", async ({
  page,
}) => {
  const servers = await bootstrapServers(page);
  const kafka = testKafka(servers);
  const run = Date.now();
  for (const [topic, committed, fromDialog] of [
    [`grp-dialog-${run}`, 6, true],
    [`grp-script-${run}`, 3, false],
  ] as const) {
    await createTopics(page, topic, `${topic}-out`);
    await produce(
      kafka,
      topic,
      range(0, 10).map((value) => ({ value, partition: 0 })),
    );
    await commitGroupOffsets(kafka, `${topic}-g`, topic, [{ partition: 0, offset: committed }]);
    // The dialog overrides an earliest-offset script; the other script says group-offsets itself.
    const sql = script(
      servers,
      topic,
      `${topic}-g`,
      fromDialog ? "earliest-offset" : "group-offsets",
    );
    await deployThroughDialog(page, sql, topic, async (dialog) => {
      if (fromDialog) await dialog.getByLabel("Committed group offsets").check();
    });
    await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "FINISHED", {
      timeout: 45_000,
    });
    expect(await values(servers, `${topic}-out`, 10 - committed)).toEqual(range(committed, 10));
  }
});

test("a start timestamp reads exactly the records at or after it", async ({ page }) => {
  const servers = await bootstrapServers(page);
  const topic = `from-ts-${Date.now()}`;
  await createTopics(page, topic, `${topic}-out`);
  const local = "2026-03-01T12:00:00"; // the browser's local time, as the dialog takes it
  const cutoff = await page.evaluate((t) => new Date(t).getTime(), local);
  await produce(
    testKafka(servers),
    topic,
    range(0, 10).map((value, i) => ({
      value,
      partition: 0,
      // 0–4 an hour (and a millisecond) before, 5 exactly at the cutoff, 6–9 after it.
      timestamp: String(i < 5 ? cutoff - 3_600_000 - 1 + i : cutoff + (i - 5) * 1000),
    })),
  );
  await deployThroughDialog(
    page,
    script(servers, topic, `${topic}-g`, "earliest-offset"),
    topic,
    async (dialog) => {
      await dialog.getByLabel("A point in time").check();
      await dialog.getByLabel("First record at or after (your local time)").fill(local);
    },
  );
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "FINISHED", {
    timeout: 45_000,
  });
  expect(await values(servers, `${topic}-out`, 5)).toEqual(range(5, 10));
});

test("redeploy from explicit offsets, prefilled from the last stop, starts there", async ({
  page,
}) => {
  const servers = await bootstrapServers(page);
  const topic = `redeploy-offsets-${Date.now()}`;
  await createTopics(page, topic, `${topic}-out`);
  await produce(
    testKafka(servers),
    topic,
    range(0, 10).map((value) => ({ value, partition: 0 })),
  );
  await deployThroughDialog(
    page,
    script(servers, topic, `${topic}-g`, "earliest-offset", false),
    topic,
  );
  await expect(page.getByTestId("records-out")).toHaveText("10", { timeout: 45_000 });
  await page.getByRole("button", { name: "Stop with offsets" }).click();
  await page
    .getByRole("dialog", { name: "Stop the job" })
    .getByRole("button", { name: "Stop with offsets" })
    .click();
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "STOPPED", {
    timeout: 45_000,
  });
  await expect(page.getByTestId("stopped-offsets")).toContainText(`${topic}[0] @ 10`);

  await page.getByRole("button", { name: "Redeploy…" }).click();
  const dialog = page.getByRole("dialog", { name: "Redeploy" });
  await dialog.getByLabel("Explicit offsets per partition").check();
  const offset = dialog.getByLabel(`Offset of ${topic}[0]`);
  await expect(offset).toHaveValue("10"); // the last stop's
  await expect(dialog.getByRole("status")).toContainText("Prefilled from the last stop");
  await offset.fill("4");
  const posted = page.waitForRequest((r) => r.url().endsWith("/redeploy") && r.method() === "POST");
  await dialog.getByRole("button", { name: "Redeploy" }).click();
  expect((await posted).postDataJSON()).toEqual({
    startFrom: { offsets: { [topic]: { "0": "4" } } },
  });
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "RUNNING", {
    timeout: 45_000,
  });
  // The first run wrote 0–9; the redeploy reads again from offset 4: 4–9, nothing before.
  expect(await values(servers, `${topic}-out`, 16)).toEqual([...range(0, 10), ...range(4, 10)]);
  await page.request.post(`${page.url().replace("/jobs/", "/api/jobs/")}/cancel`);
});

test("the deploy dialog's engine choice: auto says what it picks and why; what the script cannot use is disabled with the reason", async ({
  page,
}) => {
  const servers = await bootstrapServers(page);
  const topic = `engine-${Date.now()}`;
  await createTopics(page, topic, `${topic}-out`);
  const sql = script(servers, topic, `${topic}-g`, "earliest-offset");
  const id = await deployThroughDialog(page, sql, topic, async (dialog) => {
    const engines = dialog.getByTestId("deploy-engine");
    await expect(engines.getByRole("radio", { name: /^auto/ })).toBeChecked();
    await expect(engines).toContainText("Chooses the embedded engine");
    await expect(engines.getByRole("radio", { name: /^Flink/ })).toBeEnabled();
    await engines.getByRole("radio", { name: /^embedded/ }).check();
  });
  const job = await (await page.request.get(`/api/jobs/${id}`)).json();
  expect(job.engine).toBe("embedded");
  expect(job.engineReason).toBe("engine 'embedded' was asked for.");
  await expect(page.getByTestId("job-engine")).toHaveText("embedded engine");

  // A GROUP BY into upsert-kafka: only Flink runs it, so auto picks Flink and embedded is refused.
  await page.goto("/");
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
  await page.evaluate(
    ({ servers, topic }) => {
      (window as unknown as MonacoWindow).monaco.editor.getModels()[0].setValue(
        `CREATE TABLE src (k STRING) WITH ('connector' = 'datagen');
CREATE TABLE counts (k STRING, c BIGINT, PRIMARY KEY (k) NOT ENFORCED) WITH (
  'connector' = 'upsert-kafka', 'topic' = '${topic}-out',
  'properties.bootstrap.servers' = '${servers}', 'key.format' = 'csv', 'value.format' = 'csv');
INSERT INTO counts SELECT k, COUNT(*) FROM src GROUP BY k;`,
      );
    },
    { servers, topic },
  );
  await expect(page.getByTestId("problem-count")).toHaveText(/^(no problems|0 errors)/);
  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  const engines = page.getByRole("dialog", { name: "Deploy job" }).getByTestId("deploy-engine");
  await expect(engines).toContainText("Chooses the Flink cluster");
  await expect(engines).toContainText("GROUP BY aggregation (GroupAggregate)");
  const embedded = engines.getByRole("radio", { name: /^embedded/ });
  await expect(embedded).toBeDisabled();
  await expect(embedded).toHaveAccessibleDescription(
    /Not available: The embedded engine cannot run this script/,
  );
});
