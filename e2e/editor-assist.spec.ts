import { expect, test, type Page } from "@playwright/test";
import type * as Monaco from "monaco-editor";

type MonacoWindow = { monaco: typeof Monaco };

const SCRIPT = `CREATE TABLE src (id INT, name STRING) WITH (
  'connector' = 'kafka',
  'topic' = 'people',
  'properties.bootstrap.servers' = 'localhost:9092',
  'properties.group.id' = 'g',
  'scan.startup.mode' = 'earliest-offset',
  'format' = 'csv'
);
CREATE TABLE sink (id INT, name STRING) WITH (
  'connector' = 'kafka',
  'topic' = 'out',
  'properties.bootstrap.servers' = 'localhost:9092',
  'format' = 'csv',
  
);
INSERT INTO sink SELECT id, name FROM src;`;

async function openEditor(page: Page, text: string) {
  await page.goto("/");
  await expect(page.getByTestId("sql-editor").locator(".monaco-editor")).toBeVisible({
    timeout: 30_000,
  });
  await page.evaluate((t) => {
    const { monaco } = window as unknown as MonacoWindow;
    monaco.editor.getModels()[0].setValue(t);
  }, text);
}

/** Puts the cursor after the first occurrence of `marker` (plus `delta` characters) and focuses. */
async function cursorAfter(page: Page, marker: string, delta = 0) {
  await page.evaluate(
    ([m, d]) => {
      const { monaco } = window as unknown as MonacoWindow;
      const ed = monaco.editor.getEditors()[0];
      const model = ed.getModel()!;
      const offset = model.getValue().indexOf(m as string) + (m as string).length + (d as number);
      ed.setPosition(model.getPositionAt(offset));
      ed.focus();
    },
    [marker, delta] as const,
  );
}

const suggestions = (page: Page) => page.locator(".suggest-widget .monaco-list-row");

/** The editor on SCRIPT with completion open where the sink's next option goes. */
async function suggestAtSinkOption(page: Page) {
  await openEditor(page, SCRIPT);
  await cursorAfter(page, "'format' = 'csv',\n  ");
  await page.keyboard.press("Control+Space");
  await expect(page.locator(".suggest-widget")).toBeVisible();
}

test("Ctrl+Space inside WITH ( offers the connector's options, and inside a value its values", async ({
  page,
}) => {
  await suggestAtSinkOption(page);
  await page.keyboard.type("sink.parti");
  await expect(suggestions(page).first()).toContainText("sink.partitioner");
  await page.keyboard.press("Enter");
  // Accepting inserts the quoted key and `=`; the value's completion offers the partitioners.
  await page.keyboard.type("'");
  await page.keyboard.press("Control+Space");
  await expect(suggestions(page)).toHaveCount(3);
  await expect(suggestions(page).nth(0)).toContainText("default");
  await expect(suggestions(page).nth(1)).toContainText("fixed");
  await expect(suggestions(page).nth(2)).toContainText("round-robin");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  const text = await page.evaluate(() =>
    (window as unknown as MonacoWindow).monaco.editor.getModels()[0].getValue(),
  );
  expect(text).toContain("'format' = 'csv',\n  'sink.partitioner' = 'fixed'\n);");
  await expect(page.getByTestId("problem-count")).toHaveText("no problems");
});

test("a deprecated option is offered struck through, beside options that are not", async ({
  page,
}) => {
  await suggestAtSinkOption(page);
  await page.keyboard.type("sink.");
  const rows = suggestions(page);
  await expect(rows.filter({ hasText: "sink.semantic" }).locator(".deprecated")).toHaveCount(1);
  await expect(rows.filter({ hasText: "sink.partitioner" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "sink.partitioner" }).locator(".deprecated")).toHaveCount(0);
  await page.keyboard.press("Escape");
});

test("hovering 'scan.startup.mode' shows its documentation", async ({ page }) => {
  await openEditor(page, SCRIPT);
  const point = await page.evaluate(() => {
    const { monaco } = window as unknown as MonacoWindow;
    const ed = monaco.editor.getEditors()[0];
    const model = ed.getModel()!;
    const pos = model.getPositionAt(model.getValue().indexOf("scan.startup.mode") + 4);
    const visible = ed.getScrolledVisiblePosition(pos)!;
    const rect = ed.getDomNode()!.getBoundingClientRect();
    return { x: rect.left + visible.left + 2, y: rect.top + visible.top + visible.height / 2 };
  });
  await page.mouse.move(point.x, point.y);
  const hover = page
    .locator(".monaco-hover")
    .filter({ hasText: "Startup mode for Kafka consumer." });
  await expect(hover).toBeVisible();
  await expect(hover).toContainText("default group-offsets");
  await expect(hover).toContainText("earliest-offset — Start from the earliest offset");
});

test("a quick fix (Ctrl+.) turns 'sink.partitoner' into 'sink.partitioner'", async ({ page }) => {
  await openEditor(
    page,
    SCRIPT.replace("'format' = 'csv',\n  \n", "'format' = 'csv',\n  'sink.partitoner' = 'fixed'\n"),
  );
  await expect(page.getByTestId("problem-count")).toHaveText("1 error, 0 warnings");
  // The Problems panel: long messages wrap (no sideways scrolling), Enter jumps to the culprit.
  const panel = page.getByRole("region", { name: "Problems" });
  expect(await panel.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await panel.getByRole("button", { name: /^error at line 14, column 3/ }).focus();
  await page.keyboard.press("Enter");
  expect(
    await page.evaluate(() => {
      const ed = (window as unknown as MonacoWindow).monaco.editor.getEditors()[0];
      return ed.getModel()!.getValueInRange(ed.getSelection()!);
    }),
  ).toBe("'sink.partitoner'");
  await cursorAfter(page, "'sink.parti");
  await page.keyboard.press("Control+.");
  const fix = page.locator(".action-widget").getByText("Change to 'sink.partitioner'");
  await expect(fix).toBeVisible();
  await page.keyboard.press("Enter");
  await expect
    .poll(() =>
      page.evaluate(() =>
        (window as unknown as MonacoWindow).monaco.editor.getModels()[0].getValue(),
      ),
    )
    .toContain("'sink.partitioner' = 'fixed'");
  await expect(page.getByTestId("problem-count")).toHaveText("no problems");
});
