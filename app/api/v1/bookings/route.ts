import { bookOnline } from "@/lib/api/bookings";
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { API_RATE_LIMITS } from "@/lib/api/rate-limits";
import { idempotencyKeyFrom, parseBody, readJsonBody } from "@/lib/api/request";
import { bookingRequestSchema } from "@/lib/api/schemas";
import { kickOutbox } from "@/lib/services/background-jobs";

export const dynamic = "force-dynamic";

export const POST = apiRoute(API_RATE_LIMITS.booking, async (request, context) => {
  const idempotencyKey = idempotencyKeyFrom(request);
  const body = parseBody(bookingRequestSchema, await readJsonBody(request));
  const { created, isNew } = bookOnline(context, body, idempotencyKey);
  // Send the confirmation now rather than at the next poll.
  if (isNew) kickOutbox();
  return jsonResponse(created, { status: isNew ? 201 : 200, headers: { location: `${context.publicUrl}/api/v1/bookings/current` } });
});
