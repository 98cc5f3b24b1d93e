import { bookingWithBudgetsSpent, identifyBookingClient } from "@/lib/api/booking-client";
import { bookOnline, findIdempotentBooking } from "@/lib/api/bookings";
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { API_RATE_LIMITS } from "@/lib/api/rate-limits";
import { idempotencyKeyFrom, parseBody, readJsonBody } from "@/lib/api/request";
import { bookingRequestSchema } from "@/lib/api/schemas";
import { kickOutbox } from "@/lib/services/background-jobs";

export const dynamic = "force-dynamic";

/**
 * Every request spends the read budget; a booking attempt also needs an API key or a solved challenge
 * (lib/api/booking-client.ts) and spends that client's booking budgets. A retry with the same Idempotency-Key gets
 * the first request's booking without spending anything more.
 */
export const POST = apiRoute(API_RATE_LIMITS.read, async (request, context) => {
  const idempotencyKey = idempotencyKeyFrom(request);
  const body = parseBody(bookingRequestSchema, await readJsonBody(request));
  const client = await identifyBookingClient(request, context);
  const location = { location: `${context.publicUrl}/api/v1/bookings/current` };
  const earlier = await findIdempotentBooking(context, body, idempotencyKey);
  if (earlier) return jsonResponse(earlier, { status: 200, headers: location });
  const { created, isNew } = await bookingWithBudgetsSpent(client, context, () => bookOnline(context, body, idempotencyKey));
  // Send the confirmation now rather than at the next poll.
  if (isNew) kickOutbox();
  return jsonResponse(created, { status: isNew ? 201 : 200, headers: location });
});
