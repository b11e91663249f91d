import { describe, expect, it } from "vitest";
import { testInfrastructure } from "@/lib/devstack/testing/test-infrastructure";
import {
  commitGroupOffsets,
  createTopic,
  testKafka,
  uniqueName,
} from "@/lib/kafka/testing/test-kafka";
import { whileCoordinatorLoads } from "@/lib/kafka/cluster-admin";
import { groupOffsetsResumePoint } from "./group-offsets-resume-point";
import { planForJob } from "./plan-sql";

const infra = testInfrastructure();
const kafka = testKafka(infra.bootstrapServers);

describe("redeploy from committed group offsets", () => {
  it("reads each Kafka source's group offsets as the resume point, leaving out partitions without a commit", async () => {
    const topic = await createTopic(kafka, uniqueName("grp"), 3);
    const group = uniqueName("grp-g");
    await whileCoordinatorLoads(() =>
      commitGroupOffsets(kafka, group, topic, [
        { partition: 0, offset: 5 },
        { partition: 2, offset: 9 },
      ]),
    );
    const { json } =
      planForJob(`CREATE TABLE s (v STRING) WITH ('connector' = 'kafka', 'topic' = '${topic}',
  'properties.bootstrap.servers' = '${infra.bootstrapServers}', 'properties.group.id' = '${group}', 'format' = 'raw');
CREATE TABLE b (v STRING) WITH ('connector' = 'blackhole');
INSERT INTO b SELECT v FROM s;`);
    const point = await groupOffsetsResumePoint("00000000-0000-4000-8000-000000000000", json);
    expect(point.offsets).toEqual({ [topic]: { 0: "5", 2: "9" } });
  });

  it("says so when no source has committed offsets", async () => {
    const topic = await createTopic(kafka, uniqueName("grp-none"), 1);
    const { json } =
      planForJob(`CREATE TABLE s (v STRING) WITH ('connector' = 'kafka', 'topic' = '${topic}',
  'properties.bootstrap.servers' = '${infra.bootstrapServers}', 'properties.group.id' = '${uniqueName("nobody")}', 'format' = 'raw');
CREATE TABLE b (v STRING) WITH ('connector' = 'blackhole');
INSERT INTO b SELECT v FROM s;`);
    await expect(
      groupOffsetsResumePoint("00000000-0000-4000-8000-000000000000", json),
    ).rejects.toThrow(/No Kafka source of this job has committed group offsets/);
  });
});
