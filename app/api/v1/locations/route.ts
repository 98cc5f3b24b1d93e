import { listLocationsForApi } from "@/lib/api/catalogue";
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { API_RATE_LIMITS } from "@/lib/api/rate-limits";
import { parseQuery } from "@/lib/api/request";
import { languageQuerySchema } from "@/lib/api/schemas";

// Reads the database on every request; never prerendered at build time.
export const dynamic = "force-dynamic";

export const GET = apiRoute(API_RATE_LIMITS.read, async (request, context) => {
  const { lang } = parseQuery(request, languageQuerySchema);
  return jsonResponse(await listLocationsForApi(context.db, lang), { headers: { "cache-control": "public, max-age=60" } });
});
