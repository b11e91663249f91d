import { expect, test } from "@playwright/test";
import type * as Monaco from "monaco-editor";

type MonacoWindow = { monaco: typeof Monaco };

// The specification's Kafka-to-Kafka example (/work/shared/spec/kafka-sink-table.md), verbatim.
const SPEC_SCRIPT = `CREATE TEMPORARY TABLE kafka_source (
  id INT, name STRING, age INT
) WITH (
  'connector' = 'kafka',
  'topic' = '<yourTopicName>',
  'properties.bootstrap.servers' = '<yourKafkaBrokers>',
  'properties.group.id' = '<yourPropertiesGroupid>',
  'format' = 'csv'
);
CREATE TEMPORARY TABLE kafka_sink (
  id INT, name STRING, age INT
) WITH (
  'connector' = 'kafka',
  'topic' = '<yourTopicName>',
  'properties.bootstrap.servers' = '<yourKafkaBrokers>',
  'format' = 'csv'
);
INSERT INTO kafka_sink SELECT id, name, age FROM kafka_source;
`;

test("typing the spec's script at full speed keeps every key", async ({ page }) => {
  await page.goto("/");
  const editor = page.getByTestId("sql-editor");
  await expect(editor.locator(".monaco-editor")).toBeVisible({ timeout: 30_000 });
  // Empty the document and turn off Monaco's typing aids (auto-closed quotes and brackets,
  // auto-indent, suggestions accepted on Enter), so that the model must hold exactly the keys
  // pressed: what this test checks is that no key is lost or reordered on the way.
  await page.evaluate(() => {
    const { monaco } = window as unknown as MonacoWindow;
    const ed = monaco.editor.getEditors()[0];
    ed.updateOptions({
      autoClosingBrackets: "never",
      autoClosingQuotes: "never",
      autoIndent: "none",
      quickSuggestions: false,
      suggestOnTriggerCharacters: false,
      acceptSuggestionOnEnter: "off",
    });
    ed.getModel()!.setValue("");
    ed.focus();
  });
  await page.keyboard.type(SPEC_SCRIPT, { delay: 0 });
  await expect
    .poll(() =>
      page.evaluate(() =>
        (window as unknown as MonacoWindow).monaco.editor.getModels()[0].getValue(),
      ),
    )
    .toBe(SPEC_SCRIPT);
  // The validator (in the worker) saw the same text: the spec's script is valid as typed.
  await expect(page.getByTestId("problem-count")).toHaveText("no problems");
});
