/**
 * A stored secret goes only to the servers it was created for. A fake broker on a loopback port
 * records every byte it gets: neither the connectivity diagnosis nor a job aimed at it may send it
 * a secret. Secrets and passwords are scanned for in every response, stored event, log line and
 * error of these tests.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST as diagnose } from "@/app/api/diagnostics/kafka/route";
import { POST as deployRoute } from "@/app/api/jobs/route";
import { POST as validateRoute } from "@/app/api/sql/validate/route";
import { disconnectPrisma, prisma } from "@/lib/db/prisma";
import { createJob } from "@/lib/jobs/create-job";
import { getJob } from "@/lib/jobs/get-job";
import { createTopic, readAll, testKafka, uniqueName } from "@/lib/kafka/testing/test-kafka";
import { runJob } from "@/lib/runtime";
import { startFakeBroker, type FakeBroker } from "@/lib/kafka/testing/fake-broker";
import { callRoute } from "@/lib/api/testing/route-request";
import {
  captureProcessLog,
  expectNoSecrets,
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
  type TestWorker,
} from "@/lib/workers/testing/test-workers";
import { putSecret, resolveSecretFor } from "./secret-store";

const infra = testInfrastructure();
const user = TEST_SASL_USERS[0];
const SECRETS = [user.password, "fake-broker-must-never-see-this"];
const PLAIN = "org.apache.kafka.common.security.plain.PlainLoginModule";

let fake: FakeBroker;
const log = captureProcessLog();
const found: Found[] = [];
const created: string[] = [];
const workers: TestWorker[] = [];

function saslTable(name: string, topic: string, servers: string, secret: string) {
  return `CREATE TABLE ${name} (id INT) WITH ('connector' = 'kafka', 'topic' = '${topic}', 'format' = 'csv',
  'properties.bootstrap.servers' = '${servers}', 'properties.security.protocol' = 'SASL_PLAINTEXT',
  'properties.sasl.mechanism' = 'PLAIN',
  'properties.sasl.jaas.config' = '${PLAIN} required username="${user.username}" password="\${secret_values.${secret}}";')`;
}

function script(servers: string, secret: string, topic = "scoped") {
  return `CREATE TABLE src (id INT) WITH ('connector' = 'datagen', 'number-of-rows' = '5', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '5');
${saslTable("dst", topic, servers, secret)};
INSERT INTO dst SELECT id FROM src;`;
}

beforeAll(async () => {
  fake = await startFakeBroker();
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await signOffWorkersOf([process.pid]);
});

afterAll(async () => {
  log.stop();
  found.push(
    ...(await scanStoredJobData(SECRETS, created)),
    ...(log.text().includes(SECRETS[0]) || log.text().includes(SECRETS[1])
      ? [{ where: "process log", secret: 0 }]
      : []),
  );
  await prisma().job.deleteMany({ where: { id: { in: created } } });
  await prisma().secret.deleteMany({ where: { name: { startsWith: "scope_" } } });
  await fake.close();
  await disconnectPrisma();
  expectNoSecrets(found);
});

describe.skipIf(!infra.saslBootstrapServers)("secret scopes", () => {
  const sasl = infra.saslBootstrapServers!;

  it("diagnostics refuses a placeholder for typed-in servers (400 naming the field) and connects nowhere", async () => {
    await putSecret("scope_diag", { value: SECRETS[1], bootstrapServers: sasl });
    const res = await callRoute(diagnose, {
      url: "http://test/api/diagnostics/kafka",
      body: {
        bootstrapServers: fake.address,
        properties: {
          "security.protocol": "SASL_PLAINTEXT",
          "sasl.mechanism": "PLAIN",
          "sasl.jaas.config": `${PLAIN} required username="u" password="\${secret_values.scope_diag}";`,
        },
      },
    });
    found.push(...(await scanResponse(res, SECRETS, "diagnostics response")));
    expect(res.status).toBe(400);
    const p = await res.json();
    expect(p.detail).toContain("'properties.sasl.jaas.config'");
    expect(p.detail).toMatch(/never resolves stored secrets/);
    // Not even the servers the secret is scoped to: the caller names them, not a saved profile.
    const own = await callRoute(diagnose, {
      url: "http://test/api/diagnostics/kafka",
      body: {
        bootstrapServers: sasl,
        properties: { "sasl.password": "${secret_values.scope_diag}" },
      },
    });
    expect(own.status).toBe(400);
    expect(fake.connections()).toBe(0);
    expect(fake.received().includes(SECRETS[1])).toBe(false);
  });

  it("the API says early when a table's servers are outside a secret's scope (validate and deploy)", async () => {
    await putSecret("scope_a", { value: SECRETS[1], bootstrapServers: sasl });
    const sql = script(fake.address, "scope_a");
    const validated = await callRoute(validateRoute, {
      url: "http://test/api/sql/validate",
      body: { sql },
    });
    found.push(...(await scanResponse(validated, SECRETS, "validate response")));
    const v = await validated.json();
    expect(v.ok).toBe(false);
    const error = v.diagnostics.find((d: { severity: string }) => d.severity === "error");
    expect(error.message).toContain(`Secret 'scope_a' may only be sent to ${sasl}`);
    expect(error.message).toContain(fake.address);
    expect(error.line).toBe(5); // the jaas line, at the placeholder
    const deployed = await callRoute(deployRoute, {
      url: "http://test/api/jobs",
      body: { name: "out-of-scope", sql },
    });
    found.push(...(await scanResponse(deployed, SECRETS, "deploy response")));
    expect(deployed.status).toBe(422);
    expect((await deployed.json()).detail).toContain("outside its scope");
    // An unknown secret is a warning while editing: it may be created before the job runs.
    const unknown = await callRoute(validateRoute, {
      url: "http://test/api/sql/validate",
      body: { sql: script(sasl, "scope_nope") },
    });
    const u = await unknown.json();
    expect(
      u.diagnostics.some(
        (d: { severity: string; message: string }) =>
          d.severity === "warning" && d.message.includes("no secret named 'scope_nope'"),
      ),
    ).toBe(true);
    expect(fake.connections()).toBe(0);
  });

  it("a job whose table points outside the secret's scope fails at run time with a clear error, sending nothing", async () => {
    // Deployed while the scope included the fake broker; the scope is narrowed before it runs.
    await putSecret("scope_b", { value: SECRETS[1], bootstrapServers: [sasl, fake.address] });
    const { id } = await createJob({
      name: "narrowed",
      sql: script(fake.address, "scope_b"),
    });
    created.push(id);
    await putSecret("scope_b", { value: SECRETS[1], bootstrapServers: sasl });
    workers.push(await startTestWorker(runJob));
    await eventually(async () => (await jobStatus(id)) === "FAILED", 30_000, "FAILED");
    const job = await getJob(id);
    const text = JSON.stringify(job);
    expect(text).toContain(`Secret 'scope_b' may only be sent to ${sasl}`);
    expect(job.runs[0].error?.retriable).toBe(false);
    expect(fake.connections()).toBe(0);
    expect(fake.received().length).toBe(0);
    expect(await resolveSecretFor("scope_b", sasl)).toBe(SECRETS[1]);
    await expect(resolveSecretFor("scope_b", `${sasl},${fake.address}`)).rejects.toThrow(
      /may only be sent/,
    );
  });

  it("a job within the scope gets the value and writes with it", async () => {
    const topic = uniqueName("scoped");
    await createTopic(testKafka(infra.bootstrapServers), topic, 1);
    await putSecret("scope_ok", { value: user.password, bootstrapServers: sasl });
    const { id } = await createJob({
      name: "in-scope",
      sql: script(sasl, "scope_ok", topic),
    });
    created.push(id);
    workers.push(await startTestWorker(runJob));
    await eventually(async () => (await jobStatus(id)) === "FINISHED", 45_000, "FINISHED");
    const values = (await readAll(testKafka(infra.bootstrapServers), topic)).map((r) =>
      r.value!.toString(),
    );
    expect(values.sort()).toEqual(["1", "2", "3", "4", "5"]);
  });
});
