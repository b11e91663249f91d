import { route } from "@/lib/api/route";
import { deleteSavedFilter } from "@/lib/topics/saved-filters";
import { topicFilterParams } from "@/lib/topics/schemas";

export const dynamic = "force-dynamic";

export const DELETE = route({ access: "editor", params: topicFilterParams }, async ({ params }) => {
  await deleteSavedFilter(params.filterId);
  return new Response(null, { status: 204 });
});
