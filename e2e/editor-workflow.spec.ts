import { expect, test, type Page } from "@playwright/test";
import type * as Monaco from "monaco-editor";

type MonacoWindow = { monaco: typeof Monaco };

async function openEditor(page: Page, path = "/") {
  await page.goto(path);
  await expect(page.getByTestId("sql-editor").locator(".monaco-editor")).toBeVisible({
    timeout: 30_000,
  });
}
const modelText = (page: Page) =>
  page.evaluate(() => (window as unknown as MonacoWindow).monaco.editor.getModels()[0].getValue());
const setText = (page: Page, text: string) =>
  page.evaluate((t) => {
    const ed = (window as unknown as MonacoWindow).monaco.editor.getEditors()[0];
    ed.getModel()!.setValue(t);
    ed.focus();
  }, text);
/** Types at the end of the document, as a user would. */
async function typeAtEnd(page: Page, text: string) {
  await page.evaluate(() => {
    const ed = (window as unknown as MonacoWindow).monaco.editor.getEditors()[0];
    const model = ed.getModel()!;
    ed.setPosition(model.getPositionAt(model.getValueLength()));
    ed.focus();
  });
  await page.keyboard.type(text);
}

const blackholeScript = (comment: string) => `-- ${comment}
CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '10');
CREATE TABLE snk (id BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO snk SELECT id FROM src;
`;

test("keyboard only: Ctrl+S saves through the name dialog, Ctrl+Enter validates, Ctrl+Shift+Enter deploys", async ({
  page,
}) => {
  await openEditor(page);
  await setText(page, blackholeScript("keyboard"));
  await expect(page.getByTestId("dirty-marker")).toBeVisible();
  await page.keyboard.press("Control+s");
  const dialog = page.getByRole("dialog", { name: "Save as a new draft" });
  await expect(dialog).toBeVisible();
  const name = `kbd-${Date.now()}`;
  await page.keyboard.type(name); // the name field has focus
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toHaveText(`Saved '${name}' as version 1.`);
  await expect(page.getByTestId("editor-title")).toHaveText(name);
  await expect(page.getByTestId("dirty-marker")).toHaveCount(0);

  // Ctrl+Enter validates (inside Monaco too, where Enter would otherwise insert a line).
  await page.evaluate(() =>
    (window as unknown as MonacoWindow).monaco.editor.getEditors()[0].focus(),
  );
  const before = await modelText(page);
  await page.keyboard.press("Control+Enter");
  await expect(page.getByRole("status")).toHaveText("Validated.");
  expect(await modelText(page)).toBe(before);
  await expect(page.getByTestId("problem-count")).toHaveText("no problems");

  // Esc then Tab leaves the editor.
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  expect(
    await page.evaluate(() => !!document.activeElement?.closest("[data-testid=sql-editor]")),
  ).toBe(false);

  // Ctrl+Shift+Enter opens the deploy dialog; its fields are reachable and Enter deploys.
  await page.keyboard.press("Control+Shift+Enter");
  const deploy = page.getByRole("dialog", { name: "Deploy job" });
  await expect(deploy).toBeVisible();
  await expect(deploy.getByLabel("Job name")).toBeFocused();
  await expect(deploy.getByLabel("Job name")).toHaveValue(name);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "FINISHED", {
    timeout: 30_000,
  });
});

test("history: versions with comments, a side-by-side diff of two, restore as a new version", async ({
  page,
}) => {
  await openEditor(page);
  await page.getByLabel("Autosave").uncheck();
  await setText(page, blackholeScript("first"));
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const name = `hist-${Date.now()}`;
  await page.getByRole("dialog").getByLabel("Draft name").fill(name);
  await page.getByRole("dialog").getByLabel("Folders (tags, comma-separated)").fill("e2e, history");
  await page.getByRole("dialog").getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status")).toHaveText(`Saved '${name}' as version 1.`);

  await setText(page, blackholeScript("second"));
  await page.getByLabel("Version comment").fill("second try");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(`Saved '${name}' as version 2.`);
  await expect(page.getByLabel("Version", { exact: true })).toHaveValue("2");

  await page.getByRole("button", { name: "History" }).click();
  const history = page.getByRole("dialog", { name: `History of '${name}'` });
  await expect(history.getByRole("list", { name: "Versions" })).toContainText("second try");
  // Monaco's diff editor shows v1 on the left and v2 on the right.
  const diff = history.getByTestId("diff-editor");
  await expect(diff.locator(".editor.original")).toContainText("-- first");
  await expect(diff.locator(".editor.modified")).toContainText("-- second");
  await expect(diff.locator(".line-delete, .char-delete").first()).toBeVisible();

  await history.getByRole("button", { name: "Restore v1" }).click();
  await expect(page.getByRole("status")).toHaveText("Restored version 1 as version 3.");
  expect(await modelText(page)).toBe(blackholeScript("first"));
  await expect(page.getByLabel("Version", { exact: true })).toHaveValue("3");
  await expect(page.getByLabel("Version", { exact: true })).toContainText(
    "Restored from version 1",
  );

  // Rename, then delete to the archive and restore from it.
  await page.getByRole("button", { name: "Rename" }).click();
  await page.getByRole("dialog").getByLabel("Draft name").fill(`${name}-renamed`);
  await page.getByRole("dialog").getByRole("button", { name: "Rename" }).click();
  await expect(page.getByTestId("editor-title")).toHaveText(`${name}-renamed`);
  await expect(page.getByLabel("Draft").locator("optgroup[label=history]")).toContainText(
    `${name}-renamed`,
  );
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await expect(page.getByRole("status")).toHaveText(`Moved '${name}-renamed' to the archive.`);
  await expect(page.getByLabel("Draft")).not.toContainText(`${name}-renamed`);
  await page.getByText(/^Archive \(/).click();
  await page.getByRole("button", { name: `Restore ${name}-renamed` }).click();
  await expect(page.getByLabel("Draft")).toContainText(`${name}-renamed`);
});

test("unsaved edits: leaving through a link or switching drafts asks first; autosave keeps a named draft", async ({
  page,
}) => {
  await openEditor(page);
  await expect(page.getByTestId("problem-count")).not.toHaveText("checking…");
  await typeAtEnd(page, "-- an edit");
  await expect(page.getByTestId("dirty-marker")).toBeVisible();

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Jobs" }).click();
  const guard = page.getByRole("dialog", { name: "Unsaved changes" });
  await expect(guard).toBeVisible();
  await guard.getByRole("button", { name: "Keep" }).click();
  await expect(page).toHaveURL(/\/$/);
  expect(await modelText(page)).toContain("-- an edit");

  // Reloading or closing the tab: the page cancels beforeunload, so the browser asks.
  const cancelled = await page.evaluate(() => {
    const e = new Event("beforeunload", { cancelable: true });
    window.dispatchEvent(e);
    return e.defaultPrevented;
  });
  expect(cancelled).toBe(true);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Jobs" }).click();
  await guard.getByRole("button", { name: "Discard changes" }).click();
  await expect(page).toHaveURL(/\/jobs$/);

  // A named draft autosaves after a pause; switching then needs no confirmation.
  await openEditor(page);
  await setText(page, blackholeScript("autosave"));
  await page.keyboard.press("Control+s");
  const name = `auto-${Date.now()}`;
  await page.getByRole("dialog").getByLabel("Draft name").fill(name);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toHaveText(`Saved '${name}' as version 1.`);
  await typeAtEnd(page, "-- more");
  await expect(page.getByTestId("dirty-marker")).toBeVisible();
  await expect(page.getByRole("status")).toHaveText(`Autosaved '${name}' as version 2.`, {
    timeout: 20_000,
  });
  await expect(page.getByTestId("dirty-marker")).toHaveCount(0);
  await typeAtEnd(page, "-- unsaved");
  await page.getByLabel("Draft").selectOption({ label: "New draft" });
  await expect(guard).toBeVisible();
  await guard.getByRole("button", { name: "Keep" }).click();
  await expect(page.getByTestId("editor-title")).toHaveText(name);
});

test("a reload loses nothing: unsaved edits of a new script and of a named draft are offered back", async ({
  page,
}) => {
  page.on("dialog", (d) => void d.accept()); // the leave prompt on reload: leave
  const kept = page.getByRole("region", { name: "Unsaved edits kept in this browser" });

  // A new, unnamed script: no server copy, but the browser keeps it.
  await openEditor(page);
  await expect(page.getByTestId("problem-count")).not.toHaveText("checking…");
  await typeAtEnd(page, "-- typed into a new script");
  const typed = await modelText(page);
  await page.reload();
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
  await expect(kept).toBeVisible();
  expect(await modelText(page)).not.toBe(typed); // the template, until the copy is restored
  await kept.getByRole("button", { name: "Restore them" }).click();
  await expect(kept).toHaveCount(0);
  expect(await modelText(page)).toBe(typed);
  await expect(page.getByTestId("dirty-marker")).toBeVisible();

  // A named draft, reloaded before autosave could run.
  await page.keyboard.press("Control+s");
  const name = `reload-${Date.now()}`;
  await page.getByRole("dialog").getByLabel("Draft name").fill(name);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status")).toHaveText(`Saved '${name}' as version 1.`);
  await page.getByLabel("Autosave").uncheck();
  await typeAtEnd(page, "\n-- not saved yet");
  const edited = await modelText(page);
  await page.reload();
  await expect(page.getByTestId("editor-title")).toHaveText(name, { timeout: 30_000 });
  await expect(kept).toBeVisible();
  // Restored at once, maybe before Monaco has loaded: the editor shows the copy when it mounts.
  await kept.getByRole("button", { name: "Restore them" }).click();
  await expect(page.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => modelText(page)).toBe(edited);
  // Saved, the copy is gone: the next reload offers nothing.
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status")).toHaveText(`Saved '${name}' as version 2.`);
  await page.reload();
  await expect(page.getByTestId("editor-title")).toHaveText(name, { timeout: 30_000 });
  await expect(page.locator(".monaco-editor")).toBeVisible();
  expect(await modelText(page)).toBe(edited);
  await expect(kept).toHaveCount(0);
});
