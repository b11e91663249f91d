import { expect, test } from "@playwright/test";
import type * as Monaco from "monaco-editor";
import {
  createTopic,
  produce,
  readAll,
  testKafka,
  uniqueName,
} from "@/lib/kafka/testing/test-kafka";

type MonacoWindow = { monaco: typeof Monaco };
const bootstrap = process.env.KAFKA_BOOTSTRAP_SERVERS ?? "";

// The product's main path: write a Kafka→Kafka job in the editor, deploy it, watch it run, and
// find Flink's bytes in the sink topic.
test("write, deploy and watch a Kafka-to-Kafka CSV job; the sink gets the rows", async ({
  page,
}) => {
  const kafka = testKafka(bootstrap);
  const source = uniqueName("journey-in");
  const sink = uniqueName("journey-out");
  await createTopic(kafka, source, 3);
  await createTopic(kafka, sink, 3);
  const people = Array.from({ length: 40 }, (_, i) => ({ value: `${i},person ${i},${10 + i}` }));
  await produce(kafka, source, people);

  const sql = `CREATE TEMPORARY TABLE kafka_source (id INT, name STRING, age INT) WITH (
  'connector' = 'kafka',
  'topic' = '${source}',
  'properties.bootstrap.servers' = '${bootstrap}',
  'properties.group.id' = '${source}-group',
  'scan.startup.mode' = 'earliest-offset',
  'scan.bounded.mode' = 'latest-offset',
  'format' = 'csv'
);
CREATE TEMPORARY TABLE kafka_sink (id INT, name STRING, adult BOOLEAN) WITH (
  'connector' = 'kafka',
  'topic' = '${sink}',
  'properties.bootstrap.servers' = '${bootstrap}',
  'format' = 'csv',
  'sink.partitioner' = 'fixed'
);
INSERT INTO kafka_sink SELECT id, UPPER(name), age >= 18 FROM kafka_source WHERE id < 30;
`;

  await page.goto("/");
  await expect(page.getByTestId("sql-editor").locator(".monaco-editor")).toBeVisible({
    timeout: 30_000,
  });
  await page.evaluate(
    (t) => (window as unknown as MonacoWindow).monaco.editor.getModels()[0].setValue(t),
    sql,
  );
  await expect(page.getByTestId("problem-count")).toHaveText("no problems");

  await page.getByRole("button", { name: "Deploy", exact: true }).click();
  const deploy = page.getByRole("dialog", { name: "Deploy job" });
  await deploy.getByLabel("Job name").fill(uniqueName("journey"));
  await deploy.getByLabel("Parallelism").fill("1");
  await deploy.getByRole("button", { name: "Deploy" }).click();
  await expect(page).toHaveURL(/\/jobs\/[0-9a-f-]{36}$/, { timeout: 30_000 });

  // The bounded source ends at the latest offsets, so the job finishes on its own.
  await expect(page.getByTestId("job-status")).toHaveAttribute("data-status", "FINISHED", {
    timeout: 60_000,
  });
  await expect(page.getByTestId("records-out")).toHaveText("30", { timeout: 15_000 });
  await expect(page.getByTestId("records-in")).toHaveText("40");

  const written = await readAll(kafka, sink);
  expect(written).toHaveLength(30);
  // `fixed` with one sink instance writes everything to partition 0.
  expect(new Set(written.map((r) => r.partition))).toEqual(new Set([0]));
  const values = written
    .map((r) => r.value!.toString())
    .sort((a, b) => Number(a.split(",")[0]) - Number(b.split(",")[0]));
  // Flink's CSV: the space in the name makes Jackson quote it; booleans are bare.
  expect(values[0]).toBe('0,"PERSON 0",false');
  expect(values[29]).toBe('29,"PERSON 29",true');
});
