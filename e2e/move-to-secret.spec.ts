import { randomUUID } from "node:crypto";
import { expect, test, type Page, type Response } from "@playwright/test";
import type * as Monaco from "monaco-editor";

type MonacoWindow = { monaco: typeof Monaco };

const LITERAL = `e2e-literal-${randomUUID().slice(0, 12)}`;
const SERVERS = "broker-a.example:9093,broker-b.example:9093";

const SCRIPT = `CREATE TABLE src (id INT) WITH (
  'connector' = 'datagen',
  'number-of-rows' = '10'
);
CREATE TABLE sink (id INT) WITH (
  'connector' = 'kafka',
  'topic' = 'out',
  'properties.bootstrap.servers' = '${SERVERS}',
  'properties.ssl.key.password' = '${LITERAL}',
  'format' = 'csv'
);
INSERT INTO sink SELECT id FROM src;`;

const modelText = (page: Page) =>
  page.evaluate(() => (window as unknown as MonacoWindow).monaco.editor.getModels()[0].getValue());

async function openEditor(page: Page, text: string) {
  await page.goto("/");
  await expect(page.getByTestId("sql-editor").locator(".monaco-editor")).toBeVisible({
    timeout: 30_000,
  });
  await page.evaluate((t) => {
    (window as unknown as MonacoWindow).monaco.editor.getModels()[0].setValue(t);
  }, text);
  await expect(page.getByTestId("problems")).toContainText("is a literal password");
}

/** Puts the cursor inside the literal and asks for quick fixes. */
async function quickFixAtLiteral(page: Page) {
  await page.evaluate((literal) => {
    const ed = (window as unknown as MonacoWindow).monaco.editor.getEditors()[0];
    const model = ed.getModel()!;
    ed.setPosition(model.getPositionAt(model.getValue().indexOf(literal) + 3));
    ed.focus();
  }, LITERAL);
  await page.keyboard.press("Control+.");
}

/** Every API answer the page receives, kept to scan for the literal afterwards. */
function recordApiResponses(page: Page): string[] {
  const bodies: string[] = [];
  page.on("response", (res: Response) => {
    const url = new URL(res.url());
    if (!url.pathname.startsWith("/api/")) return;
    if (res.headers()["content-type"]?.includes("text/event-stream")) return;
    void res
      .text()
      .then((t) => bodies.push(`${url.pathname} ${t}`))
      .catch(() => undefined);
  });
  return bodies;
}

test("Ctrl+. moves a literal password into a secret scoped to the table's servers", async ({
  page,
}) => {
  // Leaving the editor with unsaved text asks first (beforeunload): go on.
  page.on("dialog", (d) => void d.accept());
  const seen = recordApiResponses(page);
  await openEditor(page, SCRIPT);
  await quickFixAtLiteral(page);
  const action = page.locator(".action-widget").getByText("Move to a secret");
  await expect(action).toBeVisible();
  await page.keyboard.press("Enter");

  const dialog = page.getByRole("dialog", { name: "Move to a secret" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("move-to-secret-scope")).toHaveText(SERVERS);
  const name = dialog.getByLabel("Secret name");
  await expect(name).toHaveValue("ssl_key_password");
  const secret = `moved_${randomUUID().slice(0, 8)}`;
  await name.fill(secret);
  await dialog.getByRole("button", { name: "Move to a secret" }).click();
  await expect(dialog).toBeHidden();

  await expect
    .poll(() => modelText(page))
    .toContain(`'properties.ssl.key.password' = '\${secret_values.${secret}}'`);
  expect(await modelText(page)).not.toContain(LITERAL);
  await expect(page.getByRole("region", { name: "Problems" })).not.toContainText(
    "is a literal password",
  );
  // Completion knows the new secret at once (no reload).
  await page.evaluate(() => {
    const ed = (window as unknown as MonacoWindow).monaco.editor.getEditors()[0];
    const model = ed.getModel()!;
    const marker = "${secret_values.";
    ed.setPosition(model.getPositionAt(model.getValue().indexOf(marker) + marker.length));
    ed.focus();
  });
  await page.keyboard.press("Control+Space");
  await expect(
    page.locator(".suggest-widget .monaco-list-row").filter({ hasText: secret }),
  ).toBeVisible();
  await page.keyboard.press("Escape");

  // The same name again is refused by the server, in the dialog (nothing is replaced). This time
  // from the Problems panel's button.
  await page.evaluate((t) => {
    (window as unknown as MonacoWindow).monaco.editor.getModels()[0].setValue(t);
  }, SCRIPT);
  await page.getByRole("button", { name: "Move to a secret" }).click();
  await dialog.getByLabel("Secret name").fill(secret);
  await dialog.getByRole("button", { name: "Move to a secret" }).click();
  await expect(dialog.getByRole("alert")).toContainText("already exists");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  expect(await modelText(page)).toContain(LITERAL);

  // Stored with its scope, and the value comes back from nowhere.
  const listed = await page.request.get("/api/secrets");
  const body = (await listed.json()) as {
    secrets: Array<{ name: string; bootstrapServers: string[] }>;
  };
  expect(body.secrets.find((s) => s.name === secret)?.bootstrapServers).toEqual(SERVERS.split(","));
  const moved = SCRIPT.replace(LITERAL, `\${secret_values.${secret}}`);
  const draft = await page.request.post("/api/drafts", {
    data: { name: `moved-${randomUUID().slice(0, 8)}`, sql: moved },
  });
  expect(draft.status()).toBe(201);
  const { id } = (await draft.json()) as { id: string };
  const answers = [
    await listed.text(),
    await draft.text(),
    await (await page.request.get(`/api/drafts/${id}`)).text(),
    await (await page.request.get("/api/drafts")).text(),
    await (await page.request.get("/api/secret-names")).text(),
    await (await page.request.post("/api/sql/validate", { data: { sql: moved } })).text(),
    await (await page.request.post("/api/sql/explain", { data: { sql: moved } })).text(),
  ];
  await page.goto(`/?draft=${id}`);
  await expect(page.getByTestId("sql-editor").locator(".monaco-editor")).toBeVisible({
    timeout: 30_000,
  });
  await expect.poll(() => modelText(page)).toContain(`\${secret_values.${secret}}`);
  await page.goto("/secrets");
  await expect(page.getByText(secret).first()).toBeVisible();
  answers.push(await page.content());
  for (const text of [...answers, ...seen]) expect(text).not.toContain(LITERAL);
  expect(seen.length).toBeGreaterThan(5);
});

test("a viewer is not offered the move, and the API refuses them", async ({ page, browser }) => {
  const email = `mover-viewer-${randomUUID().slice(0, 8)}@tributary.test`;
  const password = "viewer-password-9";
  expect(
    (await page.request.post("/api/users", { data: { email, role: "viewer", password } })).status(),
  ).toBe(201);
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const viewer = await context.newPage();
  await viewer.goto("/sign-in");
  await viewer.getByLabel("Email").fill(email);
  await viewer.getByLabel("Password").fill(password);
  await viewer.getByRole("button", { name: "Sign in" }).click();
  await expect(viewer.getByTestId("signed-in-user")).toHaveText(`${email} (viewer)`);

  await openEditor(viewer, SCRIPT);
  await expect(viewer.getByRole("button", { name: "Move to a secret" })).toHaveCount(0);
  await quickFixAtLiteral(viewer);
  // Monaco shows its menu or "no code actions" within moments: either way, without the move.
  await viewer.waitForTimeout(1000);
  await expect(viewer.locator(".action-widget").getByText("Move to a secret")).toHaveCount(0);
  await expect(viewer.getByRole("dialog", { name: "Move to a secret" })).toHaveCount(0);

  const refused = await viewer.request.post("/api/secrets", {
    data: { name: "viewer_secret", value: LITERAL, bootstrapServers: SERVERS },
  });
  expect(refused.status()).toBe(403);
  await context.close();
});
