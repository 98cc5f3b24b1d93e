import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { openApiDocument } from "@/lib/api/openapi";
import { API_RATE_LIMITS } from "@/lib/api/rate-limits";

// Built from the deployment's public address, which is configuration read at runtime, not at build time.
export const dynamic = "force-dynamic";

export const GET = apiRoute(API_RATE_LIMITS.read, (_request, context) =>
  jsonResponse(openApiDocument(context.publicUrl), { headers: { "cache-control": "public, max-age=300" } }),
);
