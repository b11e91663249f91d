import { expect, test } from "@playwright/test";
import { uniqueName } from "@/lib/kafka/testing/test-kafka";

const SQL = `CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '20');
CREATE TABLE snk (id BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO snk SELECT id FROM src;`;

test("the job chart shows history after a reload and a range change; a stopped job shows STOPPED", async ({
  page,
  request,
}) => {
  const res = await request.post("/api/jobs", { data: { name: uniqueName("chart"), sql: SQL } });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  await page.goto(`/jobs/${id}`);
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "RUNNING", {
    timeout: 30_000,
  });
  const chart = page.getByTestId("chart-records");
  await expect(chart.locator("canvas")).toBeVisible();
  // Live points extend the chart; the legend names the series.
  await expect
    .poll(async () => Number(await chart.getAttribute("data-points")), { timeout: 30_000 })
    .toBeGreaterThan(4);
  await expect(chart).toContainText("out");

  // After a reload the history comes from the stored metrics, not from this page's memory.
  await page.reload();
  await expect
    .poll(async () => Number(await page.getByTestId("chart-records").getAttribute("data-points")), {
      timeout: 15_000,
    })
    .toBeGreaterThan(3);
  await page.getByTestId("range-1h").click();
  await expect(page.getByTestId("range-1h")).toHaveAttribute("aria-pressed", "true");
  await expect
    .poll(async () => Number(await page.getByTestId("chart-records").getAttribute("data-points")), {
      timeout: 15_000,
    })
    .toBeGreaterThan(0);
  await page.reload();
  await expect(page.getByTestId("range-1h")).toHaveAttribute("aria-pressed", "true");

  await page.getByRole("button", { name: "Stop with offsets" }).click();
  // Stopping asks first.
  await page.getByRole("dialog").getByRole("button", { name: "Stop with offsets" }).click();
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "STOPPED", {
    timeout: 30_000,
  });
  await expect(page.getByTestId("stopped-offsets")).toBeVisible();
  await page.goto("/jobs");
  await page.getByLabel("Status").selectOption("STOPPED");
  await expect(page.locator(`[data-testid="job-row"][data-job-id="${id}"]`)).toContainText(
    "STOPPED",
  );
});
