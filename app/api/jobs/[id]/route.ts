import { z } from "zod";
import { route } from "@/lib/api/route";
import { getJob } from "@/lib/jobs/get-job";

export const dynamic = "force-dynamic";

export const GET = route(
  { access: "viewer", params: z.object({ id: z.uuid() }) },
  async ({ params }) => getJob(params.id),
);
