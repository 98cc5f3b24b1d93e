import { cancelBookingForApi, tokenMissing, viewBookingByToken } from "@/lib/api/bookings";
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { API_RATE_LIMITS } from "@/lib/api/rate-limits";
import { manageTokenFromHeaders, parseBody, readOptionalJsonBody } from "@/lib/api/request";
import { cancelRequestSchema } from "@/lib/api/schemas";

/*
 * "current" is the booking the manage token belongs to. The token travels in a header (or the DELETE body), never in
 * the URL, where proxies and access logs would keep it.
 */
export const dynamic = "force-dynamic";

export const GET = apiRoute(API_RATE_LIMITS.manage, async (request, context) => {
  const token = manageTokenFromHeaders(request);
  if (!token) throw tokenMissing();
  return jsonResponse(await viewBookingByToken(context, token));
});

export const DELETE = apiRoute(API_RATE_LIMITS.manage, async (request, context) => {
  const token = manageTokenFromHeaders(request) ?? (await manageTokenFromBody(request));
  if (!token) throw tokenMissing();
  return jsonResponse(await cancelBookingForApi(context, token));
});

async function manageTokenFromBody(request: Request): Promise<string | null> {
  const body = await readOptionalJsonBody(request);
  return body === undefined ? null : parseBody(cancelRequestSchema, body).manageToken;
}
