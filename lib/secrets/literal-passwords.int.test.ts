/**
 * A job with literal passwords in its properties runs, and the passwords appear in no response
 * (job, logs, events), no stored plan, event, log line or error, and not in the process log.
 */
import { afterAll, describe, expect, it } from "vitest";
import { GET as getJobRoute } from "@/app/api/jobs/[id]/route";
import { GET as jobLogs } from "@/app/api/jobs/[id]/logs/route";
import { GET as jobEvents } from "@/app/api/jobs/[id]/events/route";
import { POST as deployRoute } from "@/app/api/jobs/route";
import { POST as validateRoute } from "@/app/api/sql/validate/route";
import { disconnectPrisma, prisma } from "@/lib/db/prisma";
import { createTopic, readAll, testKafka, uniqueName } from "@/lib/kafka/testing/test-kafka";
import { runJob } from "@/lib/runtime";
import { callRoute, signedRequest } from "@/lib/api/testing/route-request";
import {
  captureProcessLog,
  expectNoSecrets,
  findSecrets,
  scanResponse,
  scanStoredJobData,
  type Found,
} from "@/lib/secrets/testing/secret-scan";
import { TEST_SASL_USERS, testInfrastructure } from "@/lib/devstack/testing/test-infrastructure";
import {
  eventually,
  jobStatus,
  signOffWorkersOf,
  startTestWorker,
} from "@/lib/workers/testing/test-workers";

const infra = testInfrastructure();
const user = TEST_SASL_USERS[0];
const TRUSTSTORE_PW = "literal-truststore-pw-7";
const SECRETS = [user.password, TRUSTSTORE_PW];
const log = captureProcessLog();
const found: Found[] = [];
const created: string[] = [];

afterAll(async () => {
  log.stop();
  found.push(...findSecrets(log.text(), SECRETS, "process log"));
  found.push(...(await scanStoredJobData(SECRETS, created)));
  await prisma().job.deleteMany({ where: { id: { in: created } } });
  await signOffWorkersOf([process.pid]);
  await disconnectPrisma();
  expectNoSecrets(found);
});

describe.skipIf(!infra.saslBootstrapServers)("literal passwords", () => {
  it("run, and are masked in every response, stored plan, event, log line and error", async () => {
    const topic = uniqueName("literal");
    await createTopic(testKafka(infra.bootstrapServers), topic, 1);
    const sql = `CREATE TABLE src (id INT) WITH ('connector' = 'datagen', 'number-of-rows' = '3', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '3');
CREATE TABLE dst (id INT) WITH ('connector' = 'kafka', 'topic' = '${topic}', 'format' = 'csv',
  'properties.bootstrap.servers' = '${infra.saslBootstrapServers}', 'properties.security.protocol' = 'SASL_PLAINTEXT',
  'properties.ssl.truststore.password' = '${TRUSTSTORE_PW}',
  'properties.sasl.mechanism' = 'PLAIN',
  'properties.sasl.jaas.config' = 'org.apache.kafka.common.security.plain.PlainLoginModule required username="${user.username}" password="${user.password}";');
INSERT INTO dst SELECT id FROM src;`;

    const validated = await callRoute(validateRoute, {
      url: "http://test/api/sql/validate",
      body: { sql },
    });
    found.push(...(await scanResponse(validated, SECRETS, "validate response")));
    const warnings = (await validated.json()).diagnostics.filter(
      (d: { code?: string }) => d.code === "literal-password",
    );
    expect(warnings.map((w: { option: { key: string } }) => w.option.key)).toEqual([
      "properties.ssl.truststore.password",
      "properties.sasl.jaas.config",
    ]);

    const deployed = await callRoute(deployRoute, {
      url: "http://test/api/jobs",
      body: { name: "literal-passwords", sql },
    });
    found.push(...(await scanResponse(deployed, SECRETS, "deploy response")));
    expect(deployed.status).toBe(201);
    const { id } = await deployed.json();
    created.push(id);

    const worker = await startTestWorker(runJob);
    try {
      await eventually(async () => (await jobStatus(id)) === "FINISHED", 45_000, "FINISHED");
    } finally {
      await worker.stop();
    }
    // It wrote with the literal password (sealed in the plan, unsealed by the worker).
    const values = (await readAll(testKafka(infra.bootstrapServers), topic)).map((r) =>
      r.value!.toString(),
    );
    expect(values.sort()).toEqual(["1", "2", "3"]);

    const params = { params: Promise.resolve({ id }) };
    const job = await getJobRoute(await signedRequest(`http://test/api/jobs/${id}`), params);
    found.push(...(await scanResponse(job, SECRETS, "GET /api/jobs/:id")));
    const detail = await job.json();
    expect(detail.sql).toContain("'properties.ssl.truststore.password' = '******'");
    expect(detail.sql).toContain(`username="${user.username}" password="******"`);
    const logs = await jobLogs(
      await signedRequest(`http://test/api/jobs/${id}/logs?limit=1000`),
      params,
    );
    found.push(...(await scanResponse(logs, SECRETS, "GET /api/jobs/:id/logs")));
    expect((await logs.json()).lines.length).toBeGreaterThan(0);

    const controller = new AbortController();
    const events = await jobEvents(
      await signedRequest(`http://test/api/jobs/${id}/events`, { signal: controller.signal }),
      params,
    );
    const reader = events.body!.getReader();
    let text = "";
    while (!text.includes("FINISHED")) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    await reader.cancel().catch(() => undefined);
    found.push(...findSecrets(text, SECRETS, "GET /api/jobs/:id/events"));
    const plan = await prisma().job.findUniqueOrThrow({
      where: { id },
      select: { plan: true },
    });
    expect(JSON.stringify(plan.plan)).toContain("${sealed_value:");
  });
});
