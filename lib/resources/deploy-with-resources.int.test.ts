/**
 * A resource from upload to a running job: uploaded through the API, attached to a draft, pinned
 * at deploy, resolved by a real worker from PostgreSQL, routing records on the real broker. A
 * deploy naming an unattached class or a non-partitioner is refused with Flink's messages, and
 * the resource cannot be deleted while the job runs.
 */
import { afterAll, describe, expect, it } from "vitest";
import { DELETE as deleteRoute } from "@/app/api/resources/[id]/route";
import { disconnectPrisma, prisma } from "@/lib/db/prisma";
import { createDraft } from "@/lib/drafts/drafts";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { createJob } from "@/lib/jobs/create-job";
import { getJob } from "@/lib/jobs/get-job";
import { createTopic, readAll, uniqueName } from "@/lib/runtime/testing/run-script";
import { runJob } from "@/lib/runtime";
import { brokerForTests } from "@/lib/kafka/testing/broker-for-tests";
import { callRoute } from "@/lib/api/testing/route-request";
import {
  eventually,
  jobStatus,
  signOffWorkersOf,
  startTestWorker,
} from "@/lib/workers/testing/test-workers";
import { attachDraftResource } from "./draft-resources";
import { uploadFile } from "./testing/upload";

const broker = brokerForTests();

const MODULE = `export class LastPartition {
  partition(record, key, value, topic, partitions) { return partitions[partitions.length - 1 - Number(record.id % 2n)]; }
}
export const version = "${Date.now()}";`;

const sql = (topic: string, className: string, rows: number | "unbounded" = 30) => `
  CREATE TABLE gen (id BIGINT) WITH ('connector' = 'datagen', ${rows === "unbounded" ? "'rows-per-second' = '5'" : `'fields.id.kind' = 'sequence', 'fields.id.start' = '0', 'fields.id.end' = '${rows - 1}'`});
  CREATE TABLE dst (id BIGINT) WITH ('connector' = 'kafka', 'topic' = '${topic}', 'properties.bootstrap.servers' = '${broker.bootstrapServers}',
    'format' = 'csv', 'sink.partitioner' = '${className}');
  INSERT INTO dst SELECT id FROM gen;`;

describe("deploying with resources", () => {
  afterAll(async () => {
    await signOffWorkersOf([process.pid]);
    await disconnectPrisma();
  });

  it(
    "pins the draft's resources and runs the partitioner on a worker",
    { timeout: 180_000 },
    async () => {
      const uploaded = await (
        await uploadFile(Buffer.from(MODULE), "last.mjs", uniqueName("last"))
      ).json();
      const draft = await createDraft({ name: uniqueName("draft"), sql: "" });
      await attachDraftResource(draft.id, uploaded.id);
      const topic = uniqueName("deployed");
      await createTopic(broker.kafka, topic, 3);
      const worker = await startTestWorker(runJob);
      try {
        const { id } = await createJob({
          name: uniqueName("job"),
          sql: sql(topic, "LastPartition"),
          draftId: draft.id,
        });
        expect((await getJob(id)).resources).toMatchObject([
          { id: uploaded.id, name: uploaded.name, version: 1 },
        ]);
        await eventually(
          async () => (await jobStatus(id)) === "FINISHED",
          60_000,
          "the job finishes",
        );
        const records = await readAll(broker.kafka, topic);
        expect(records).toHaveLength(30);
        for (const r of records) expect(r.partition).toBe(2 - (Number(r.value!.toString()) % 2));

        // Running: deletion is refused, naming the job (and the draft).
        const { id: running } = await createJob({
          name: uniqueName("running"),
          sql: sql(topic, "LastPartition", "unbounded"),
          resourceIds: [uploaded.id],
        });
        await eventually(
          async () => (await jobStatus(running)) === "RUNNING",
          60_000,
          "the job runs",
        );
        const refused = await callRoute(deleteRoute, {
          method: "DELETE",
          params: { id: uploaded.id },
        });
        expect(refused.status).toBe(409);
        const detail = (await refused.json()).detail;
        expect(detail).toContain(`draft '${draft.name}'`);
        expect(detail).toMatch(/job 'running-[^']+' \(RUNNING\)/);
        await cancelJob(running);
        await eventually(
          async () => (await jobStatus(running)) === "CANCELLED",
          30_000,
          "the job is cancelled",
        );
      } finally {
        await worker.stop();
      }
    },
  );

  it("refuses a deploy naming an unattached class or one that is no partitioner", async () => {
    const uploaded = await (
      await uploadFile(Buffer.from(MODULE + "//2"), "last.mjs", uniqueName("last"))
    ).json();
    const topic = uniqueName("refused");
    const before = await prisma().job.count();
    await expect(
      createJob({
        name: "x",
        sql: sql(topic, "LastPartitoner"),
        resourceIds: [uploaded.id],
      }),
    ).rejects.toThrow(
      "Could not find and instantiate partitioner class 'LastPartitoner'. Did you mean 'LastPartition'?",
    );
    await expect(
      createJob({ name: "x", sql: sql(topic, "version"), resourceIds: [uploaded.id] }),
    ).rejects.toThrow(
      "Sink partitioner class 'version' should implement the required class org.apache.flink.connector.kafka.sink.KafkaPartitioner. The attached partitioners are: 'LastPartition'.",
    );
    await expect(createJob({ name: "x", sql: sql(topic, "LastPartition") })).rejects.toThrow(
      "Could not find and instantiate partitioner class 'LastPartition'.",
    );
    expect(await prisma().job.count()).toBe(before);
  });
});
