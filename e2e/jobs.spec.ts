import { expect, test } from "@playwright/test";
import { signedInHeaders } from "./signed-in";

const SQL = `CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '100');
CREATE TABLE snk (id BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO snk SELECT id FROM src;`;

test("a job deployed while the list is open appears in it live, and its page streams status, log and attempts", async ({
  page,
  request,
}) => {
  await page.goto("/jobs");
  await expect(page.getByTestId("stream-state")).toHaveText("live");

  const name = `e2e-${Date.now()}`;
  const res = await request.post("/api/jobs", { data: { name, sql: SQL, parallelism: 2 } });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };

  const row = page.locator(`[data-testid="job-row"][data-job-id="${id}"]`);
  await expect(row).toContainText(name);
  await row.getByRole("link", { name }).click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${id}$`));

  await expect(page.getByTestId("log-tail")).toContainText(
    `Job '${name}' deployed with parallelism 2`,
  );
  // A worker claims it; with the runtime in place it finishes (100 rows), otherwise the attempt
  // shows why it could not run. Either way the page learns it from the stream.
  await expect(page.getByTestId("job-status")).toHaveAttribute(
    "data-status",
    /^(FINISHED|FAILED)$/,
    { timeout: 30_000 },
  );
  await expect(page.getByTestId("attempt").first()).toContainText("Attempt 1");
  if ((await page.getByTestId("job-status").getAttribute("data-status")) === "FAILED") {
    await expect(page.getByTestId("failure").first()).not.toBeEmpty();
  }
});

test("the deploy form reports SQL errors with their position", async ({ page }) => {
  await page.goto("/jobs");
  await page.getByLabel("Name").fill("broken");
  await page.getByLabel("SQL").fill("INSERT INTO nowhere SELECT 1");
  await page.getByRole("button", { name: "Deploy" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The script has" })).toContainText(
    "at line 1",
  );
});

test("the job API validates input and answers with problems", async ({ request }) => {
  const bad = await request.post("/api/jobs", { data: { name: "", sql: "x" } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).detail).toBe("Invalid request body field 'name': must not be empty");
  const missing = await request.get("/api/jobs/00000000-0000-4000-8000-000000000000");
  expect(missing.status()).toBe(404);
});

test("GET /api/jobs/:id/events is an event stream with the headers proxies need", async ({
  request,
}) => {
  const res = await request.post("/api/jobs", { data: { name: `sse-${Date.now()}`, sql: SQL } });
  const { id } = (await res.json()) as { id: string };
  // Read the first bytes only: Playwright's request API would wait for the stream to end.
  const head = await fetch(
    new URL(
      `/api/jobs/${id}/events`,
      process.env.TRIBUTARY_E2E_BASE_URL ?? "http://127.0.0.1:3000",
    ),
    {
      headers: signedInHeaders(),
      signal: AbortSignal.timeout(10_000),
    },
  );
  expect(head.headers.get("content-type")).toContain("text/event-stream");
  expect(head.headers.get("cache-control")).toBe("no-cache, no-transform");
  expect(head.headers.get("x-accel-buffering")).toBe("no");
  const reader = head.body!.getReader();
  let text = "";
  while (!text.includes("event: snapshot"))
    text += new TextDecoder().decode((await reader.read()).value);
  await reader.cancel();
});

test("a job's page shows every line the job logged before the page opened", async ({
  page,
  request,
}) => {
  const name = `e2e-logged-${Date.now()}`;
  const res = await request.post("/api/jobs", { data: { name, sql: SQL, parallelism: 2 } });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  // The worker runs it to the end; its lines are all stored before the page is opened.
  await expect
    .poll(
      async () =>
        ((await (await request.get(`/api/jobs/${id}`)).json()) as { status: string }).status,
      {
        timeout: 30_000,
      },
    )
    .toMatch(/^(FINISHED|FAILED)$/);
  const stored = async () =>
    (
      (await (await request.get(`/api/jobs/${id}/logs?limit=1000`)).json()) as {
        lines: Array<{ message: string }>;
      }
    ).lines;
  // The last lines (the attempt's end) are flushed a moment after the status changes.
  let lines = await stored();
  await expect
    .poll(async () => (lines = await stored()).length, { timeout: 10_000 })
    .toBeGreaterThan(2);
  await page.waitForTimeout(1_000);
  lines = await stored();

  // The job's details answer late (a busy server): the stream's replay arrives before the page
  // can show its log panel, and must not be lost.
  await page.route(`**/api/jobs/${id}`, async (route) => {
    await new Promise((r) => setTimeout(r, 1_500));
    await route.continue();
  });
  await page.goto(`/jobs/${id}`);
  await expect(page.getByText(`${lines.length} of ${lines.length} lines`)).toBeVisible();
  await expect(page.getByTestId("log-line")).toHaveCount(lines.length);
  for (const line of lines) await expect(page.getByTestId("log-tail")).toContainText(line.message);
});
