/**
 * A preview of a draft whose script names a custom partitioner — an attached JavaScript export or
 * JAR class in 'sink.partitioner' — shows the partitions its job would choose: POST
 * /api/sql/preview with the draft loads the class in the preview worker as a job's worker loads
 * it (the draft's resources, one sink instance of parallelism 1), and every record's partition is
 * the one the job itself writes it to on the real broker. A class the draft does not have is the
 * deploy's diagnostic.
 */
import { afterAll, describe, expect, it } from "vitest";
import { POST as previewRoute } from "@/app/api/sql/preview/route";
import { callRoute } from "@/lib/api/testing/route-request";
import { disconnectPrisma } from "@/lib/db/prisma";
import { createDraft } from "@/lib/drafts/drafts";
import { brokerForTests } from "@/lib/kafka/testing/broker-for-tests";
import { attachDraftResource } from "@/lib/resources/draft-resources";
import { buildJar } from "@/lib/resources/build-jar";
import { flinkApiClasspath } from "@/lib/resources/jvm-host/host-jars";
import { resourcePartitionerResolver } from "@/lib/resources/resolve-partitioner";
import { uploadFile } from "@/lib/resources/testing/upload";
import { createTopic, readAll, runScript, uniqueName } from "@/lib/runtime/testing/run-script";
import type { PreviewResult } from "./run-preview";

const broker = brokerForTests();
afterAll(() => disconnectPrisma());

/** Both classes: partition by the parity of id + the name's length, from the sink's row. */
const JS_MODULE = `export class Parity {
  partition(record, key, value, topic, partitions) {
    return partitions[Number((record.id + BigInt(record.name.length)) % 2n) + 1];
  }
}
export const uploaded = "${Date.now()}";`;

const JAVA_SOURCE = `package com.acme;
import org.apache.flink.connector.kafka.sink.KafkaPartitioner;
import org.apache.flink.table.data.RowData;
public class Parity implements KafkaPartitioner<RowData> {
  @Override public int partition(RowData row, byte[] key, byte[] value, String topic, int[] partitions) {
    return partitions[(int) ((row.getLong(0) + row.getString(1).toString().length()) % 2) + 2];
  }
}`;

const ROWS = 12;
const script = (topic: string, className: string) => `
CREATE TABLE gen (id BIGINT) WITH ('connector' = 'datagen', 'fields.id.kind' = 'sequence',
  'fields.id.start' = '1', 'fields.id.end' = '${ROWS}');
CREATE TABLE dst (id BIGINT, name STRING) WITH ('connector' = 'kafka', 'topic' = '${topic}',
  'properties.bootstrap.servers' = '${broker.bootstrapServers}', 'format' = 'csv',
  'sink.partitioner' = '${className}');
INSERT INTO dst SELECT id, CONCAT('x', CAST(id AS STRING)) FROM gen;`;

async function draftWith(bytes: Buffer, fileName: string): Promise<string> {
  const upload = await uploadFile(bytes, fileName, uniqueName("parity"));
  expect(upload.status).toBe(201);
  const resource = await upload.json();
  const draft = await createDraft({ name: uniqueName("draft"), sql: "" });
  await attachDraftResource(draft.id, resource.id);
  return draft.id;
}

async function preview(sql: string, draftId: string): Promise<PreviewResult> {
  const res = await callRoute(previewRoute, {
    method: "POST",
    body: { sql, rows: ROWS, timeoutMs: 60_000, draftId },
  });
  expect(res.status).toBe(200);
  return res.json();
}

/** Partition by record value ("id,name"): what the preview shows, and what the job wrote. */
const byValue = (records: Array<{ partition: number; value: string }>) =>
  Object.fromEntries(records.map((r) => [r.value, r.partition]));

/** The job: the embedded runtime with the same resource bytes, resolved as a worker resolves them. */
async function jobPartitions(
  sql: string,
  topic: string,
  kind: "JS" | "JAR",
  bytes: Buffer,
  className: string,
): Promise<Record<string, number>> {
  const run = await runScript(sql, {
    resolvePartitioner: resourcePartitionerResolver([
      {
        id: uniqueName("r"),
        name: "parity",
        version: 1,
        kind,
        fileName: kind === "JS" ? "parity.mjs" : "parity.jar",
        partitioners: [className],
        otherClasses: [],
        bytes: async () => bytes,
      },
    ]),
  });
  expect(await run.job.outcome).toEqual({ state: "FINISHED" });
  const written = await readAll(broker.kafka, topic, { atLeast: ROWS });
  return byValue(written.map((r) => ({ partition: r.partition, value: r.value!.toString() })));
}

function previewed(result: PreviewResult): Record<string, number> {
  expect(result.failure).toBeUndefined();
  expect(result.ok).toBe(true);
  const records = result.sinks[0].records ?? [];
  expect(records).toHaveLength(ROWS);
  return byValue(records.map((r) => ({ partition: r.partition, value: r.value!.text! })));
}

describe("preview with a custom partitioner", () => {
  it("shows the partitions the job chooses with the draft's JavaScript partitioner", async () => {
    const bytes = Buffer.from(JS_MODULE);
    const draftId = await draftWith(bytes, "parity.mjs");
    const topic = await createTopic(broker.kafka, uniqueName("pv-js"), 4);
    const shown = previewed(await preview(script(topic, "Parity"), draftId));
    expect(new Set(Object.values(shown))).toEqual(new Set([1, 2]));
    expect(await readAll(broker.kafka, topic)).toEqual([]); // the preview wrote nothing
    expect(await jobPartitions(script(topic, "Parity"), topic, "JS", bytes, "Parity")).toEqual(
      shown,
    );
  }, 120_000);

  it("shows the partitions the job chooses with the draft's JAR partitioner", async () => {
    const bytes = await buildJar(
      { "com/acme/Parity.java": JAVA_SOURCE },
      await flinkApiClasspath(),
    );
    const draftId = await draftWith(bytes, "parity.jar");
    const topic = await createTopic(broker.kafka, uniqueName("pv-jar"), 4);
    const sql = script(topic, "com.acme.Parity");
    const shown = previewed(await preview(sql, draftId));
    expect(new Set(Object.values(shown))).toEqual(new Set([2, 3]));
    expect(await jobPartitions(sql, topic, "JAR", bytes, "com.acme.Parity")).toEqual(shown);
  }, 180_000);

  it("answers a class the draft does not have with the deploy's diagnostic", async () => {
    const draftId = await draftWith(Buffer.from(JS_MODULE + "//2"), "parity.mjs");
    const topic = await createTopic(broker.kafka, uniqueName("pv-typo"), 4);
    const result = await preview(script(topic, "Parityy"), draftId);
    expect(result.ok).toBe(false);
    expect(result.diagnostics?.map((d) => d.message)).toEqual([
      "Could not find and instantiate partitioner class 'Parityy'. Did you mean 'Parity'?",
    ]);
  }, 60_000);
});
