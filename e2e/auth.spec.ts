import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { expect, test, type Page } from "@playwright/test";
import { findFreePort } from "@/lib/net/ports";

// These specs test signing in, so they start signed out (the others get the admin's state), and
// their browser sends its own Origin (the config adds the main console's for the request fixture).
test.use({ storageState: { cookies: [], origins: [] }, extraHTTPHeaders: {} });

const ADMIN_EMAIL = process.env.TRIBUTARY_ADMIN_EMAIL ?? "admin@localhost";
const ADMIN_PASSWORD = process.env.TRIBUTARY_ADMIN_PASSWORD ?? "";

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("anonymous visitors are sent to sign-in and back; sign-out ends the session", async ({
  page,
}) => {
  await page.goto("/jobs");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fjobs$/);
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

  await signIn(page, ADMIN_EMAIL, "not-the-password");
  await expect(page.getByText("The email or password is wrong")).toBeVisible();

  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(page.getByTestId("signed-in-user")).toHaveText(`${ADMIN_EMAIL} (admin)`);
  const cookie = (await page.context().cookies()).find((c) => c.name === "tributary_session")!;
  expect(cookie.httpOnly).toBe(true);
  expect(cookie.sameSite).toBe("Lax");
  expect(cookie.expires).toBeGreaterThan(Date.now() / 1000 + 6 * 24 * 3600);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  // The server revoked the session: the old cookie, put back, no longer signs anyone in.
  await page.context().addCookies([cookie]);
  await page.goto("/health");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fhealth$/);
});

test("an admin adds a viewer, who may read but not deploy or manage users, then changes role, password and disables them", async ({
  page,
  browser,
}) => {
  await page.goto("/sign-in?next=%2Fusers");
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  const email = `viewer-${Date.now()}@tributary.test`;
  const password = "viewer-password-1";
  const form = page.locator("form", { hasText: "Add a user" });
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Role").selectOption("viewer");
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByTestId(`user-${email}`)).toContainText("active");

  const viewerContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const viewer = await viewerContext.newPage();
  await viewer.goto("/sign-in?next=%2Fjobs");
  await signIn(viewer, email, password);
  await expect(viewer.getByTestId("signed-in-user")).toHaveText(`${email} (viewer)`);
  await expect(viewer.getByRole("heading", { name: "Jobs" })).toBeVisible();
  await viewer.getByLabel("Name").fill("viewer-job");
  await viewer.getByLabel("SQL").fill("SELECT 1");
  await viewer.getByRole("button", { name: "Deploy" }).click();
  await expect(viewer.getByText("This needs the editor role; you are viewer.")).toBeVisible();
  await viewer.goto("/users");
  await expect(viewer.getByText(/This page needs the admin role/)).toBeVisible();
  await expect(viewer.getByRole("link", { name: "Users" })).toHaveCount(0);

  // The admin makes them an editor: that ends their sessions (they sign in again under the new
  // role), and the deploy is now judged on its SQL, not refused.
  await page.getByLabel(`Role of ${email}`).selectOption("editor");
  await expect(page.getByLabel(`Role of ${email}`)).toHaveValue("editor");
  await viewer.goto("/jobs");
  await expect(viewer).toHaveURL(/\/sign-in/);
  await signIn(viewer, email, password);
  await expect(viewer.getByTestId("signed-in-user")).toHaveText(`${email} (editor)`);
  await viewer.getByLabel("Name").fill("editor-job");
  await viewer.getByLabel("SQL").fill("SELECT 1");
  await viewer.getByRole("button", { name: "Deploy" }).click();
  await expect(viewer.locator("form").getByRole("alert")).toBeVisible();
  await expect(viewer.locator("form").getByRole("alert")).not.toContainText("role");

  // A password reset, in a dialog that checks the policy, ends their session; the new password
  // signs them in.
  await page.getByTestId(`user-${email}`).getByRole("button", { name: "Reset password" }).click();
  const reset = page.getByRole("dialog", { name: `Reset the password of ${email}` });
  await expect(reset).toContainText("at least 10 characters");
  const newPassword = reset.getByLabel("New password", { exact: true });
  const repeat = reset.getByLabel("Repeat the new password");
  await newPassword.fill("short");
  await expect(reset.getByRole("alert")).toHaveText(
    "The password must have at least 10 characters.",
  );
  await newPassword.fill(email);
  await expect(reset.getByRole("alert")).toHaveText("The password must not be the email address.");
  await newPassword.fill("reset-password-22");
  await repeat.fill("reset-password-23");
  await expect(reset.getByRole("alert")).toHaveText("The two passwords differ.");
  await reset.getByRole("button", { name: "Set password" }).click();
  await expect(reset).toBeVisible();
  await repeat.fill("reset-password-22");
  await expect(reset.getByRole("alert")).toHaveCount(0);
  await reset.getByRole("button", { name: "Set password" }).click();
  await expect(reset).toBeHidden();
  await expect(page.getByText(`Set a new password for ${email}`)).toBeVisible();
  await expect
    .poll(async () => {
      await viewer.goto("/jobs");
      return new URL(viewer.url()).pathname;
    })
    .toBe("/sign-in");
  await signIn(viewer, email, "reset-password-22");
  await expect(viewer.getByTestId("signed-in-user")).toHaveText(`${email} (editor)`);

  // The admin disables them: their open session stops working.
  await page.getByTestId(`user-${email}`).getByRole("button", { name: "Disable" }).click();
  await expect(page.getByTestId(`user-${email}`)).toContainText("disabled");
  await viewer.goto("/jobs");
  await expect(viewer).toHaveURL(/\/sign-in/);
  await viewerContext.close();
});

test("a fresh install prints a one-time setup link that creates the first admin", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const baseUrl = process.env.DATABASE_URL!;
  const database = `tributary_setup_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(baseUrl);
  url.pathname = `/${database}`;
  const port = await findFreePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "tributary-setup-"));
  const child = spawn(
    process.execPath,
    [path.join(process.cwd(), "bin/tributary.mjs"), "start", "--skip-build"],
    {
      env: {
        ...process.env,
        DATABASE_URL: url.toString(),
        PORT: String(port),
        TRIBUTARY_DATA_DIR: dataDir,
        TRIBUTARY_ADMIN_PASSWORD: "",
        TRIBUTARY_PUBLIC_URL: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    },
  );
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    await expect
      .poll(() => /http:\/\/localhost:\d+\/setup\?token=tsu_\S+/.exec(output)?.[0] ?? "", {
        timeout: 90_000,
      })
      .not.toBe("");
    const link = /http:\/\/localhost:\d+\/setup\?token=tsu_\S+/.exec(output)![0];

    // Before the admin exists, nothing but sign-in and setup is reachable.
    await page.goto(`http://localhost:${port}/jobs`);
    await expect(page).toHaveURL(/\/sign-in/);
    await expect(page.getByRole("status")).toContainText("no admin yet");
    const api = await page.request.get(`http://localhost:${port}/api/jobs`);
    expect(api.status()).toBe(401);

    await page.goto(link);
    await page.getByLabel("Admin email").fill("first@tributary.test");
    await page.getByLabel("Password").fill("first-admin-password");
    await page.getByRole("button", { name: "Create the admin and sign in" }).click();
    await expect(page.getByTestId("signed-in-user")).toHaveText("first@tributary.test (admin)");

    // The link worked once.
    const again = await page.request.post(`http://localhost:${port}/api/auth/setup`, {
      data: {
        token: new URL(link).searchParams.get("token"),
        email: "second@tributary.test",
        password: "second-admin-password",
      },
      headers: { origin: `http://localhost:${port}` },
    });
    expect(again.status()).toBe(410);
  } finally {
    process.kill(-child.pid!, "SIGINT");
    await exited;
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
