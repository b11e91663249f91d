import { describe, expect, it } from "vitest";
import { testInfrastructure } from "@/lib/devstack/testing/test-infrastructure";
import { callRoute } from "@/lib/api/testing/route-request";
import { uniqueName } from "@/lib/kafka/testing/test-kafka";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { prisma } from "@/lib/db/prisma";
import { GET, POST } from "./route";
import { DELETE } from "./[id]/route";
import { POST as ARCHIVE } from "./[id]/archive/route";

testInfrastructure();
const SQL = `CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '1');
CREATE TABLE snk (id BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO snk SELECT id FROM src;`;

async function deploy(name: string): Promise<string> {
  const res = await callRoute(POST, { url: "http://test/api/jobs", body: { name, sql: SQL } });
  return ((await res.json()) as { id: string }).id;
}
const list = async (q: string) =>
  (await callRoute(GET, { url: `http://test/api/jobs?${q}` })).json() as Promise<{
    jobs: Array<{ id: string; status: string }>;
    total: number;
  }>;

describe("the job list", () => {
  it("searches, filters by status, pages, and archives and deletes only ended jobs", async () => {
    const tag = uniqueName("list");
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await deploy(`${tag}-${i}`));
    const page = await list(`search=${tag}&limit=2&offset=0`);
    expect(page.total).toBe(3);
    expect(page.jobs).toHaveLength(2);
    expect((await list(`search=${tag}&limit=2&offset=2`)).jobs.map((j) => j.id)).toEqual([ids[0]]);

    const running = await callRoute(ARCHIVE, { params: { id: ids[1] }, body: { archived: true } });
    expect(running.status).toBe(409);
    await cancelJob(ids[1]);
    expect((await list(`search=${tag}&status=CANCELLED`)).jobs.map((j) => j.id)).toEqual([ids[1]]);

    expect(
      (await callRoute(ARCHIVE, { params: { id: ids[1] }, body: { archived: true } })).status,
    ).toBe(200);
    expect((await list(`search=${tag}`)).jobs.map((j) => j.id)).not.toContain(ids[1]);
    expect((await list(`search=${tag}&archived=true`)).jobs.map((j) => j.id)).toEqual([ids[1]]);

    expect((await callRoute(DELETE, { method: "DELETE", params: { id: ids[1] } })).status).toBe(
      204,
    );
    expect(await prisma().job.findUnique({ where: { id: ids[1] } })).toBeNull();
    expect((await callRoute(DELETE, { method: "DELETE", params: { id: ids[0] } })).status).toBe(
      409,
    );
  });
});
