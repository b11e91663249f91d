import { expect, test, type Page, type Response } from "@playwright/test";

const bootstrap = process.env.KAFKA_BOOTSTRAP_SERVERS ?? "";
const VALUE = `e2e-secret-${Date.now()}-A`;
const REPLACED = `e2e-secret-${Date.now()}-B`;

/** Every response body the page receives, to prove no value comes back. */
function recordResponses(page: Page): () => Promise<string> {
  const bodies: Promise<string>[] = [];
  page.on("response", (r: Response) => {
    bodies.push(
      r
        .text()
        .then((t) => `${r.url()} ${JSON.stringify(r.headers())} ${t}`)
        .catch(() => ""),
    );
  });
  return async () => (await Promise.all(bodies)).join("\n");
}

/** The DOM as HTML plus every form field's current value. */
async function domText(page: Page): Promise<string> {
  const fields = await page.$$eval("input, textarea", (els) =>
    els.map((e) => (e as HTMLInputElement).value),
  );
  return (await page.content()) + fields.join("\n");
}

test("the secrets page creates, replaces and deletes secrets and never renders a value", async ({
  page,
  request,
}) => {
  const responses = recordResponses(page);
  const name = `e2e_pw_${Date.now()}`;
  await page.goto("/");
  await page.getByRole("link", { name: "Secrets" }).click();
  await expect(page).toHaveURL(/\/secrets$/);

  const form = page.getByTestId("secret-form");
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Value").fill(VALUE);
  await expect(form.getByLabel("Bootstrap servers it may be sent to")).toHaveValue(bootstrap);
  await form.getByRole("button", { name: "Create" }).click();
  await expect(page.getByRole("status")).toHaveText(`Secret '${name}' saved.`);
  const row = page.getByTestId(`secret-${name}`);
  await expect(row).toContainText(bootstrap.split(",")[0]);
  await expect(row.getByTestId("secret-usage")).toHaveText("unused");
  await expect(form.getByLabel("Value")).toHaveValue("");
  expect(await domText(page)).not.toContain(VALUE);

  // Usage: a draft that references it.
  const draftName = `uses-${name}`;
  const draft = await request.post("/api/drafts", {
    data: {
      name: draftName,
      sql: `CREATE TABLE t (a INT) WITH ('connector' = 'kafka', 'properties.sasl.jaas.config' = 'x required password="\${secret_values.${name}}";');`,
    },
  });
  expect(draft.status()).toBe(201);
  await page.reload();
  await expect(row.getByTestId("secret-usage")).toContainText(`draft ${draftName}`);

  // Replace: the scope stays, the new value is not shown either.
  await row.getByRole("button", { name: "Replace" }).click();
  await expect(form.getByLabel("Name")).toHaveValue(name);
  await form.getByLabel("Value").fill(REPLACED);
  await form.getByLabel(/Bootstrap servers/).fill("");
  await form.getByRole("button", { name: "Replace" }).click();
  await expect(page.getByRole("status")).toHaveText(`Secret '${name}' saved.`);
  await expect(row).toContainText(bootstrap.split(",")[0]);
  expect(await domText(page)).not.toContain(REPLACED);

  // A scope that is not host:port is refused with Kafka's message.
  await form.getByLabel("Name").fill(`${name}_bad`);
  await form.getByLabel("Value").fill("x");
  await form.getByLabel(/Bootstrap servers/).fill("no-port");
  await form.getByRole("button", { name: "Create" }).click();
  await expect(page.getByTestId("secret-error")).toContainText(
    "Invalid url in bootstrap.servers: no-port",
  );

  // Delete, confirmed.
  page.once("dialog", (d) => void d.accept());
  await row.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("status")).toHaveText(`Secret '${name}' deleted.`);
  await expect(row).toHaveCount(0);

  const seen = await responses();
  expect(seen).toContain("/api/secrets");
  expect(seen).not.toContain(VALUE);
  expect(seen).not.toContain(REPLACED);
  expect(await domText(page)).not.toContain(VALUE);
});
