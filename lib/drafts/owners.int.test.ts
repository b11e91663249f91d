/**
 * Drafts and jobs record who created them: the signed-in user (or the token's user) whose request
 * made them, shown as `createdBy` on the draft and the job.
 */
import { afterAll, describe, expect, it } from "vitest";
import { callRoute } from "@/lib/api/testing/route-request";
import { uniqueName } from "@/lib/kafka/testing/test-kafka";
import { cancelJob } from "@/lib/jobs/cancel-job";
import { disconnectPrisma } from "@/lib/db/prisma";
import { POST as createDraftRoute } from "@/app/api/drafts/route";
import { GET as getDraftRoute } from "@/app/api/drafts/[id]/route";
import { GET as listDraftsRoute } from "@/app/api/drafts/route";
import { POST as deployRoute } from "@/app/api/jobs/route";
import { GET as getJobRoute } from "@/app/api/jobs/[id]/route";

afterAll(() => disconnectPrisma());

const SQL = `CREATE TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '1');
CREATE TABLE snk (id BIGINT) WITH ('connector' = 'blackhole');
INSERT INTO snk SELECT id FROM src;`;

describe("owners", () => {
  it("a draft records its creator, shown on the draft and in the list", async () => {
    const name = uniqueName("owned-draft");
    const created = await callRoute(createDraftRoute, {
      as: "editor",
      url: "http://test/api/drafts",
      body: { name, sql: SQL },
    });
    expect(created.status).toBe(201);
    const { id, createdBy } = (await created.json()) as { id: string; createdBy: string };
    expect(createdBy).toBe("test-editor@tributary.test");
    // A viewer reading it later sees who made it, not themselves.
    const read = await callRoute(getDraftRoute, { as: "viewer", params: { id } });
    expect(((await read.json()) as { createdBy: string }).createdBy).toBe(
      "test-editor@tributary.test",
    );
    const list = (await (
      await callRoute(listDraftsRoute, { as: "viewer", url: "http://test/api/drafts" })
    ).json()) as { drafts: Array<{ id: string; createdBy: string | null }> };
    expect(list.drafts.find((d) => d.id === id)?.createdBy).toBe("test-editor@tributary.test");
  });

  it("a job records who deployed it, shown on the job", async () => {
    const res = await callRoute(deployRoute, {
      as: "editor",
      url: "http://test/api/jobs",
      body: { name: uniqueName("owned-job"), sql: SQL },
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    try {
      const job = await callRoute(getJobRoute, { as: "viewer", params: { id } });
      expect(((await job.json()) as { createdBy: string }).createdBy).toBe(
        "test-editor@tributary.test",
      );
      const byAdmin = await callRoute(deployRoute, {
        url: "http://test/api/jobs",
        body: { name: uniqueName("owned-job"), sql: SQL },
      });
      const other = ((await byAdmin.json()) as { id: string }).id;
      const adminJob = await callRoute(getJobRoute, { params: { id: other } });
      expect(((await adminJob.json()) as { createdBy: string }).createdBy).toBe(
        "test-admin@tributary.test",
      );
      await cancelJob(other);
    } finally {
      await cancelJob(id);
    }
  });
});
