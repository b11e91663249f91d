import { route } from "@/lib/api/route";
import { createDraftInput, draftListQuery } from "@/lib/drafts/schemas";
import { createDraft, listDrafts } from "@/lib/drafts/drafts";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", query: draftListQuery }, async ({ query }) => ({
  drafts: await listDrafts({ archived: query.archived === "true" }),
}));

export const POST = route({ access: "editor", body: createDraftInput }, async ({ body, session }) =>
  Response.json(await createDraft(body, session.userId), { status: 201 }),
);
