import { expect, test } from "@playwright/test";

// Signed in as the admin through the suite's default browser state (e2e/global-setup.ts).
test("an API token made in the UI works as a Bearer token until revoked there", async ({
  page,
  playwright,
  baseURL,
}) => {
  await page.goto("/tokens");
  await expect(page.getByRole("heading", { name: "API tokens" })).toBeVisible();
  const name = `ci-${Date.now()}`;
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Role").selectOption("viewer");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^trt_/);
  await expect(page.getByTestId(`token-${name}`)).toContainText("viewer");
  await expect(page.getByTestId(`token-${name}`)).not.toContainText(token);

  // A client without cookies, as the CLI or CI is.
  const cli = await playwright.request.newContext({ baseURL, storageState: undefined });
  const auth = { authorization: `Bearer ${token}` };
  expect((await cli.get("/api/jobs", { headers: auth })).status()).toBe(200);
  expect((await cli.get("/api/secrets", { headers: auth })).status()).toBe(403);
  expect((await cli.get("/api/jobs")).status()).toBe(401);

  await page.getByTestId(`token-${name}`).getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId(`token-${name}`)).toContainText("revoked");
  expect((await cli.get("/api/jobs", { headers: auth })).status()).toBe(401);
  await cli.dispose();
});
