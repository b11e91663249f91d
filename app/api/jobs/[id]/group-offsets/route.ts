import { route } from "@/lib/api/route";
import { jobIdParams } from "@/lib/jobs/schemas";
import { committedOffsetsOfJob } from "@/lib/jobs/group-offsets-resume-point";

export const dynamic = "force-dynamic";

/** The offsets each Kafka source's consumer group has committed now (the redeploy dialog's prefill). */
export const GET = route({ access: "editor", params: jobIdParams }, async ({ params }) =>
  Response.json(await committedOffsetsOfJob(params.id)),
);
