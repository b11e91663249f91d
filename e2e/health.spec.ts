import { expect, test } from "@playwright/test";

test("the health page shows every component healthy", async ({ page }) => {
  await page.goto("/health");
  for (const name of ["database", "kafka", "workers"]) {
    await expect(page.getByTestId(`health-${name}`)).toHaveAttribute("data-ok", "true");
  }
  await expect(page.getByTestId("overall-health")).toContainText("All components are healthy");
  await expect(page.getByTestId("health-kafka")).toContainText("127.0.0.1:");
});

test("GET /api/health reports each component from real checks", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.ok).toBe(true);
  expect(body.components.database.ok).toBe(true);
  expect(body.components.kafka.brokers.length).toBeGreaterThan(0);
  expect(body.components.workers.alive).toBeGreaterThanOrEqual(1);
});

test("the console keeps idle connections longer than its clients do (no reset on reuse)", async ({
  request,
}) => {
  // Node answers "Keep-Alive: timeout=<s>" from the server's keepAliveTimeout.
  const res = await request.get("/api/health");
  const header = res.headers()["keep-alive"] ?? "";
  const seconds = Number(/timeout=(\d+)/.exec(header)?.[1]);
  expect(seconds).toBeGreaterThanOrEqual(60);
});
