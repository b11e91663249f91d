import { createHash, randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";

test("uploads a partitioner with a progress bar and downloads it byte-exact", async ({ page }) => {
  // A module of ~12 MiB (mostly a comment) on a throttled upload, so the bar moves visibly.
  const name = `e2e-${Date.now()}`;
  const source = Buffer.from(
    `export class EveryOther { partition(r, k, v, t, p) { return p[0]; } }\n//${randomBytes(9 * 1024 * 1024).toString("base64")}\n`,
  );
  const sha256 = createHash("sha256").update(source).digest("hex");
  await page.goto("/resources");
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: 4 * 1024 * 1024,
  });
  await page.getByLabel("Resource name").fill(name);
  const seen = new Set<number>();
  await page.getByLabel("Resource file").setInputFiles({
    name: "every-other.mjs",
    mimeType: "text/javascript",
    buffer: source,
  });
  const percent = page.getByTestId("upload-percent");
  await expect(percent).toBeVisible();
  // Sample the bar while the upload runs: it passes through values between 0 and 100.
  while (!(await page.getByRole("status").isVisible())) {
    const text = (await percent.textContent()) ?? "";
    seen.add(Number(/^(\d+)%/.exec(text)?.[1] ?? -1));
    await page.waitForTimeout(100);
  }
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  expect([...seen].some((p) => p > 0 && p < 100)).toBe(true);
  await expect(page.getByRole("status")).toContainText(`Stored ${name} version 1`);
  await expect(page.getByRole("status")).toContainText("partitioners: EveryOther");
  await expect(page.getByLabel("Upload progress")).toHaveAttribute("value", "100");

  // The list finds it by search; its page shows the checksum and downloads the same bytes.
  await page.getByLabel("Search resources").fill(name);
  const row = page.getByTestId("resource-table").getByRole("link", { name });
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByTestId("resource-sha256")).toHaveText(sha256);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("every-other.mjs");
  const bytes = await readFile((await download.path())!);
  expect(createHash("sha256").update(bytes).digest("hex")).toBe(sha256);
});

test("refuses a file that is no resource and shows why", async ({ page }) => {
  await page.goto("/resources");
  await page.getByLabel("Resource file").setInputFiles({
    name: "notes.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("hello"),
  });
  await expect(page.getByText("'notes.txt' is not a resource Tributary can use")).toBeVisible();
});

test("the editor checks sink.partitioner against the draft's attached resources", async ({
  page,
  request,
}) => {
  const stamp = Date.now();
  const upload = await request.post("/api/resources", {
    multipart: {
      name: `e2e-attach-${stamp}`,
      file: {
        name: "halves.mjs",
        mimeType: "text/javascript",
        buffer: Buffer.from(
          `export class ByHalf { partition(r, k, v, t, p) { return p[0]; } }\nexport const helper = ${stamp};\n`,
        ),
      },
    },
  });
  expect(upload.status()).toBe(201);
  const sql = (cls: string) =>
    [
      "CREATE TABLE sink (id INT) WITH (",
      "  'connector' = 'kafka',",
      "  'topic' = 't',",
      "  'properties.bootstrap.servers' = 'localhost:9092',",
      "  'format' = 'csv',",
      `  'sink.partitioner' = '${cls}'`,
      ");",
      "INSERT INTO sink VALUES (1);",
    ].join("\n");
  const draftName = `e2e-attach-draft-${stamp}`;
  const draft = await request.post("/api/drafts", {
    data: { name: draftName, sql: sql("ByHalf") },
  });
  expect(draft.status()).toBe(201);
  const { id } = await draft.json();

  await page.goto("/");
  await expect(page.getByTestId("sql-editor").locator(".monaco-editor")).toBeVisible({
    timeout: 30_000,
  });
  await page.getByLabel("Draft").selectOption(id);
  // Nothing attached yet: the class is unknown.
  await expect(page.getByTestId("problems")).toContainText(
    "Could not find and instantiate partitioner class 'ByHalf'",
  );
  await page.getByLabel("Attach a resource").selectOption({ label: `e2e-attach-${stamp} v1 (JS)` });
  await expect(page.getByTestId("draft-resources")).toContainText(`e2e-attach-${stamp} v1`);
  await expect(page.getByTestId("problem-count")).toHaveText("no problems");
  // An attached export that is no partitioner gets Flink's message.
  await page.evaluate(
    (t) =>
      (
        window as unknown as {
          monaco: { editor: { getModels(): Array<{ setValue(v: string): void }> } };
        }
      ).monaco.editor
        .getModels()[0]
        .setValue(t),
    sql("helper"),
  );
  await expect(page.getByTestId("problems")).toContainText(
    "Sink partitioner class 'helper' should implement the required class org.apache.flink.connector.kafka.sink.KafkaPartitioner",
  );
});

test("the job page lists the resource versions it was deployed with, linking to each", async ({
  page,
  request,
}) => {
  const name = `e2e-pinned-${Date.now()}`;
  const source = Buffer.from(
    `export class FirstPartition { partition(r, k, v, t, p) { return p[0]; } }\n// ${name}\n`,
  );
  const sha256 = createHash("sha256").update(source).digest("hex");
  const upload = await request.post("/api/resources", {
    multipart: { name, file: { name: "first.mjs", mimeType: "text/javascript", buffer: source } },
  });
  expect(upload.status()).toBe(201);
  const resource = (await upload.json()) as { id: string; version: number };
  const sql = [
    "CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '10');",
    "CREATE TABLE sink (id BIGINT) WITH ('connector' = 'kafka', 'topic' = 'pinned',",
    "  'properties.bootstrap.servers' = 'localhost:1', 'format' = 'csv',",
    "  'sink.partitioner' = 'FirstPartition');",
    "INSERT INTO sink SELECT id FROM src;",
  ].join("\n");
  const deployed = await request.post("/api/jobs", {
    data: { name, sql, resourceIds: [resource.id] },
  });
  expect(deployed.status()).toBe(201);
  const { id } = (await deployed.json()) as { id: string };
  try {
    await page.goto(`/jobs/${id}`);
    const pinned = page.getByTestId("job-resources").getByTestId("job-resource");
    await expect(pinned).toHaveCount(1);
    await expect(pinned).toContainText(`version ${resource.version} · JS · FirstPartition`);
    await expect(pinned.getByTestId("job-resource-sha256")).toHaveText(sha256);
    await pinned.getByRole("link", { name }).click();
    await expect(page).toHaveURL(new RegExp(`/resources/${resource.id}$`));
    await expect(page.getByTestId("resource-sha256")).toHaveText(sha256);
  } finally {
    await request.post(`/api/jobs/${id}/cancel`);
  }
});
