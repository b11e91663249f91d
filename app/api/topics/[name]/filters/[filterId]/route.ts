import { z } from "zod";
import { route } from "@/lib/api/route";
import { deleteSavedFilter } from "@/lib/topics/saved-filters";

export const dynamic = "force-dynamic";

export const DELETE = route(
  { access: "editor", params: z.object({ name: z.string().min(1), filterId: z.string().min(1) }) },
  async ({ params }) => {
    await deleteSavedFilter(params.filterId);
    return new Response(null, { status: 204 });
  },
);
