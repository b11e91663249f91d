import { route } from "@/lib/api/route";
import { ApiError } from "@/lib/api/problem";
import { tailTopic } from "@/lib/topics/tail-topic";
import { tailInput, tailQuery, topicParams } from "@/lib/topics/schemas";

export const dynamic = "force-dynamic";

/** The live tail as server-sent events; `?q=` is the JSON of {cluster, partition, key, value, filter}. */
export const GET = route(
  {
    access: "viewer",
    params: topicParams,
    query: tailQuery,
  },
  async ({ request, params, query }) => {
    let spec: unknown = {};
    if (query.q) {
      try {
        spec = JSON.parse(query.q);
      } catch {
        throw new ApiError(400, "Invalid query parameter 'q': not JSON.");
      }
    }
    const parsed = tailInput.safeParse(spec);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ApiError(
        400,
        `Invalid query parameter 'q.${issue.path.join(".")}': ${issue.message}`,
      );
    }
    return tailTopic(request, params.name, parsed.data);
  },
);
