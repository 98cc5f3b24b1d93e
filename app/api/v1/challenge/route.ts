import { apiBookingChallenge } from "@/lib/api/booking-client";
import { apiRoute, jsonResponse } from "@/lib/api/handler";
import { API_RATE_LIMITS } from "@/lib/api/rate-limits";
import { CHALLENGE_LIFETIME_MS } from "@/lib/services/proof-of-work";

export const dynamic = "force-dynamic";

/** A proof-of-work challenge for one booking (POST /bookings without an API key), to be solved with ALTCHA. */
export const GET = apiRoute(API_RATE_LIMITS.read, async (request, context) =>
  jsonResponse({ challenge: await apiBookingChallenge(request, context), validForSeconds: CHALLENGE_LIFETIME_MS / 1000 }),
);
