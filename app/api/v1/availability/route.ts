import { availabilityJsonForApi } from "@/lib/api/availability";
import { apiRoute, jsonTextResponse } from "@/lib/api/handler";
import { API_RATE_LIMITS } from "@/lib/api/rate-limits";
import { parseQuery } from "@/lib/api/request";
import { availabilityQuerySchema } from "@/lib/api/schemas";
import { availabilityAdmission } from "@/lib/services/availability";

// Free times change with every booking: answered per request (from a cache that any change renews), never prerendered.
export const dynamic = "force-dynamic";

export const GET = apiRoute(
  API_RATE_LIMITS.availability,
  async (request, context) => jsonTextResponse(await availabilityJsonForApi(context, parseQuery(request, availabilityQuerySchema))),
  { admission: availabilityAdmission },
);
