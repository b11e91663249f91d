import { expect, test, type Page } from "@playwright/test";
import { uniqueName } from "@/lib/kafka/testing/test-kafka";

const SQL = `CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '20');
CREATE TABLE snk (id BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO snk SELECT id FROM src;`;

const attribute = async (page: Page, name: string) =>
  Number(await page.getByTestId("chart-records").getAttribute(name));

test("a job stopped and redeployed draws the stopped time as a gap, live and from the stored metrics", async ({
  page,
  request,
}) => {
  const res = await request.post("/api/jobs", { data: { name: uniqueName("gaps"), sql: SQL } });
  expect(res.status()).toBe(201);
  const { id } = (await res.json()) as { id: string };
  await page.goto(`/jobs/${id}`);
  await page.getByTestId("range-15m").click();
  const status = page.getByTestId("job-status");
  await expect(status).toHaveAttribute("data-status", "RUNNING", { timeout: 30_000 });
  await expect.poll(() => attribute(page, "data-points"), { timeout: 30_000 }).toBeGreaterThan(3);
  // A running job's 1-second samples follow each other: no gap yet.
  expect(await attribute(page, "data-gaps")).toBe(0);

  expect((await request.post(`/api/jobs/${id}/stop`)).status()).toBeLessThan(300);
  await expect(status).toHaveAttribute("data-status", "STOPPED", { timeout: 30_000 });
  // Stopped for longer than 2.5 one-second buckets: that time has no samples.
  const stoppedAt = Date.now();
  await expect.poll(() => Date.now() - stoppedAt, { intervals: [500] }).toBeGreaterThan(5_000);

  const redeployed = await request.post(`/api/jobs/${id}/redeploy`, {
    data: { startFrom: "startup-mode" },
  });
  expect(redeployed.status()).toBe(202);
  await expect(status).toHaveAttribute("data-status", "RUNNING", { timeout: 30_000 });
  // Live: the first point after the pause follows a null (uPlot breaks the line there).
  await expect.poll(() => attribute(page, "data-gaps"), { timeout: 30_000 }).toBeGreaterThan(0);

  // From the stored metrics (a reload forgets the page's live points): the stopped seconds have no
  // samples, and the aligned data holds a null there.
  // alignSeries puts a null only between two samples, so a gap means points on both sides of it.
  await expect
    .poll(
      async () => {
        await page.reload();
        await expect(page.getByTestId("chart-records").locator("canvas")).toBeVisible();
        return attribute(page, "data-gaps");
      },
      { timeout: 30_000, intervals: [2_000] },
    )
    .toBeGreaterThanOrEqual(1);
  // Samples of both runs around it.
  expect(await attribute(page, "data-points")).toBeGreaterThan(
    (await attribute(page, "data-gaps")) + 4,
  );

  await request.post(`/api/jobs/${id}/cancel`);
});
