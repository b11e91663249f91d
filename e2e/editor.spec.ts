import { expect, test } from "@playwright/test";
import type * as Monaco from "monaco-editor";

type MonacoWindow = { monaco: typeof Monaco };

test("the editor shows problems as the user types, explains, and saves a draft", async ({
  page,
}) => {
  await page.goto("/");
  const editor = page.getByTestId("sql-editor");
  // Monaco is served from the console itself; without the network it could not load otherwise.
  await expect(editor.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
  // The template is valid; its topics may be missing on this cluster (warnings, not errors).
  await expect(page.getByTestId("problem-count")).toHaveText(
    /^(no problems|0 errors, \d+ warnings?)$/,
  );

  // Misspell an option: the problem appears with its line, and the marker in the editor.
  // (The text is set through Monaco's model: typed keys would be auto-closed and auto-indented.)
  const setText = (text: string) =>
    page.evaluate(
      (t) => (window as unknown as MonacoWindow).monaco.editor.getModels()[0].setValue(t),
      text,
    );
  const sql = [
    "CREATE TABLE sink (id INT) WITH (",
    "  'connector' = 'kafka',",
    "  'topic' = 't',",
    "  'properties.bootstrap.servers' = 'localhost:9092',",
    "  'format' = 'csv',",
    "  'sink.partitoner' = 'fixed'",
    ");",
    "INSERT INTO sink VALUES (1);",
  ].join("\n");
  await setText(sql);
  await expect(page.getByTestId("problem-count")).toHaveText("1 error, 0 warnings");
  const problem = page.getByTestId("problems").locator("li").first();
  await expect(problem).toContainText("6:3");
  await expect(problem).toContainText("Did you mean 'sink.partitioner'?");
  await expect(editor.locator(".squiggly-error")).toHaveCount(1);

  // Clicking the problem selects the culprit in the editor; fixing it clears the problems.
  await problem.click();
  const selected = await page.evaluate(() => {
    const editor = (window as unknown as MonacoWindow).monaco.editor.getEditors()[0];
    return editor.getModel()!.getValueInRange(editor.getSelection()!);
  });
  expect(selected).toContain("sink.partitoner");
  await setText(sql.replace("sink.partitoner", "sink.partitioner"));
  await expect(page.getByTestId("problem-count")).toHaveText("no problems");
  await page.getByRole("button", { name: "Explain" }).click();
  await expect(page.getByTestId("explain")).toContainText(
    "Sink(table=[default_catalog.default_database.sink]",
  );
  await expect(page.getByTestId("explain")).toContainText("partitioner=fixed");

  // Save as a new draft (the name comes from a dialog).
  const name = `e2e-draft-${Date.now()}`;
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await page
    .getByRole("dialog", { name: "Save as a new draft" })
    .getByLabel("Draft name")
    .fill(name);
  await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText(`Saved '${name}' as version 1.`);
  await expect(page.getByLabel("Draft")).toContainText(name);
});
