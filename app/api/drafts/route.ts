import { route } from "@/lib/api/route";
import { createDraftInput } from "@/lib/drafts/draft-schemas";
import { createDraft, listDrafts } from "@/lib/drafts/drafts";

export const dynamic = "force-dynamic";

export const GET = route({}, async () => ({ drafts: await listDrafts() }));

export const POST = route({ body: createDraftInput }, async ({ body }) =>
  Response.json(await createDraft(body), { status: 201 }),
);
