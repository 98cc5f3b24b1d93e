import { availabilityForApi } from "@/lib/api/availability";
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { API_RATE_LIMITS } from "@/lib/api/rate-limits";
import { parseQuery } from "@/lib/api/request";
import { availabilityQuerySchema } from "@/lib/api/schemas";

// Free times change with every booking: computed per request, never cached or prerendered.
export const dynamic = "force-dynamic";

export const GET = apiRoute(API_RATE_LIMITS.availability, (request, context) =>
  jsonResponse(availabilityForApi(context, parseQuery(request, availabilityQuerySchema))),
);
