import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";

// The admin's own session is every other spec's: these sign in as users of their own.
const PASSWORD = "sessions-password-7";

async function newUser(page: Page, role = "editor"): Promise<string> {
  const email = `sessions-${randomUUID().slice(0, 8)}@tributary.test`;
  const res = await page.request.post("/api/users", {
    data: { email, role, password: PASSWORD },
  });
  expect(res.status()).toBe(201);
  return email;
}

/** A browser of its own, signed in as `email` with a recognisable user agent. */
async function signedInBrowser(browser: Browser, email: string, userAgent: string) {
  const context = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    userAgent,
  });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signed-in-user")).toContainText(email);
  return { context, page };
}

const isSignedIn = async (page: Page) => {
  await page.goto("/jobs");
  return new URL(page.url()).pathname !== "/sign-in";
};

test("a user sees their sessions, revokes one, and signs out everywhere else, then everywhere", async ({
  page,
  browser,
}) => {
  const email = await newUser(page);
  const laptop = await signedInBrowser(browser, email, "Laptop-Browser/1.0");
  const phone = await signedInBrowser(browser, email, "Phone-Browser/2.0");
  const tablet = await signedInBrowser(browser, email, "Tablet-Browser/3.0");

  await laptop.page.getByRole("link", { name: "Sessions" }).click();
  await expect(laptop.page.getByRole("heading", { name: "Sessions" })).toBeVisible();
  const current = laptop.page.getByTestId("session-current");
  await expect(current).toContainText("Laptop-Browser/1.0");
  await expect(current).toContainText("127.0.0.1");
  await expect(current).toContainText("this browser");
  const others = laptop.page.getByTestId("session");
  await expect(others).toHaveCount(2);

  await others
    .filter({ hasText: "Phone-Browser/2.0" })
    .getByRole("button", { name: "Revoke" })
    .click();
  await expect(laptop.page.getByText("Revoked the session.")).toBeVisible();
  await expect(others).toHaveCount(1);
  expect(await isSignedIn(phone.page)).toBe(false);
  expect(await isSignedIn(tablet.page)).toBe(true);

  await laptop.page.getByRole("button", { name: "Sign out all other sessions" }).click();
  await laptop.page.getByRole("dialog").getByRole("button", { name: "Sign out" }).click();
  await expect(laptop.page.getByText("Signed out 1 other session(s).")).toBeVisible();
  await expect(others).toHaveCount(0);
  expect(await isSignedIn(tablet.page)).toBe(false);
  expect(await isSignedIn(laptop.page)).toBe(true);

  await laptop.page.goto("/sessions");
  await laptop.page.getByRole("button", { name: "Sign out everywhere" }).click();
  await laptop.page.getByRole("dialog").getByRole("button", { name: "Sign out" }).click();
  await expect(laptop.page).toHaveURL(/\/sign-in$/);
  expect(await isSignedIn(laptop.page)).toBe(false);
  for (const b of [laptop, phone, tablet]) await b.context.close();
});

test("an admin signs a user out everywhere from the Users page", async ({ page, browser }) => {
  const email = await newUser(page, "viewer");
  const a = await signedInBrowser(browser, email, "First/1");
  const b = await signedInBrowser(browser, email, "Second/1");
  await page.goto("/users");
  await page
    .getByTestId(`user-${email}`)
    .getByRole("button", { name: "Sign out everywhere" })
    .click();
  await expect(page.getByText(`Signed ${email} out of 2 session(s).`)).toBeVisible();
  expect(await isSignedIn(a.page)).toBe(false);
  expect(await isSignedIn(b.page)).toBe(false);
  // The admin's own session is untouched.
  await expect(page.getByTestId("signed-in-user")).toContainText("(admin)");
  await a.context.close();
  await b.context.close();
});

test("drafts and jobs show who created them", async ({ page }) => {
  const sql = `CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '1');
CREATE TABLE snk (id BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO snk SELECT id FROM src;`;
  const me = process.env.TRIBUTARY_ADMIN_EMAIL ?? "admin@localhost";
  const draft = await page.request.post("/api/drafts", {
    data: { name: `owned-${randomUUID().slice(0, 8)}`, sql },
  });
  const { id: draftId } = (await draft.json()) as { id: string };
  await page.goto(`/?draft=${draftId}`);
  await expect(page.getByTestId("draft-created-by")).toHaveText(`created by ${me}`);

  const job = await page.request.post("/api/jobs", {
    data: { name: `owned-${randomUUID().slice(0, 8)}`, sql },
  });
  expect(job.status()).toBe(201);
  const { id: jobId } = (await job.json()) as { id: string };
  await page.goto(`/jobs/${jobId}`);
  await expect(page.getByTestId("job-created-by")).toHaveText(`created by ${me}`);
});
