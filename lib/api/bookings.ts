import type { z } from "zod";
import type { DbOrTransaction } from "@/db/client";
import { getSettings } from "@/db/queries/settings";
import type { Booking } from "@/db/schema";
import type { RequestProblem } from "@/lib/domain/booking-request";
import { isAppError } from "@/lib/errors";
import { CITIZEN_ACTOR } from "@/lib/services/audit";
import { loadBookingDetails } from "@/lib/services/booking-details";
import { cancelBookingByToken, citizenChangeRules, createBooking, findBookingByToken } from "@/lib/services/bookings";
import { manageUrl, type ServiceContext } from "@/lib/services/context";
import { deriveManageToken, generateManageToken } from "@/lib/services/secrets";
import { ApiProblem } from "./problem";
import { bodyConcernField, requestProblem, resolveRequest } from "./resolve";
import type { BookingRequest, BookingView, bookingCreatedSchema } from "./schemas";

type BookingCreated = z.output<typeof bookingCreatedSchema>;

/** What a booking's owner sees: no name, e-mail or phone, so a leaked response reveals little. */
export function bookingView(db: DbOrTransaction, booking: Booking, now: Date): BookingView {
  const { location, items, checklist, totalFeeCents } = loadBookingDetails(db, booking, booking.language);
  const rules = citizenChangeRules(booking, getSettings(db), now);
  return {
    referenceCode: booking.referenceCode,
    status: booking.status,
    language: booking.language,
    start: booking.startsAt.toISOString(),
    end: booking.endsAt.toISOString(),
    location: {
      slug: location.slug,
      name: location.name,
      address: { street: location.street, postalCode: location.postalCode, city: location.city },
    },
    items: items.map((item) => ({ concern: item.slug, name: item.name, quantity: item.quantity })),
    checklist: checklist.map((entry) => ({ key: entry.key, name: entry.name, hint: entry.hint, quantity: entry.quantity })),
    totalFeeCents,
    canChange: rules.canChange,
    changeCutoff: rules.cutoffAt.toISOString(),
  };
}

/**
 * With an Idempotency-Key, the manage token is derived from it, so a retried request finds the booking the first one
 * made (the same mechanism as the booking form's nonce). The e-mail address goes into the derivation too: whoever
 * learns or guesses someone's key still cannot obtain that booking's token without also knowing their address.
 */
function manageTokenFor(context: ServiceContext, idempotencyKey: string | null, email: string): string {
  return idempotencyKey ? deriveManageToken(context.secret, `api:${idempotencyKey}:${email}`) : generateManageToken();
}

export function bookOnline(
  context: ServiceContext,
  request: BookingRequest,
  idempotencyKey: string | null,
): { created: BookingCreated; isNew: boolean } {
  const resolved = resolveRequest(context.db, request, bodyConcernField);
  let outcome: ReturnType<typeof createBooking>;
  try {
    outcome = createBooking(context, CITIZEN_ACTOR, {
      locationId: resolved.location.id,
      items: resolved.items,
      startsAt: request.start,
      channel: "online",
      citizen: request.citizen,
      language: request.language,
      manageToken: manageTokenFor(context, idempotencyKey, request.citizen.email),
    });
  } catch (error) {
    // The catalogue changed between our check and the transaction: still name the concern.
    if (isAppError(error) && error.code === "request_invalid" && error.details.problem) {
      throw requestProblem(error.details.problem as RequestProblem, { request, items: resolved.items, catalogue: resolved.catalogue, fieldOf: bodyConcernField });
    }
    throw error;
  }
  return {
    created: {
      booking: bookingView(context.db, outcome.booking, context.now()),
      manageToken: outcome.manageToken,
      manageUrl: manageUrl(context, outcome.manageToken),
    },
    isNew: outcome.isNew,
  };
}

export function viewBookingByToken(context: ServiceContext, token: string): BookingView {
  const booking = findBookingByToken(context.db, token);
  if (!booking) throw noBookingForToken();
  return bookingView(context.db, booking, context.now());
}

export function cancelBookingForApi(context: ServiceContext, token: string): BookingView {
  const cancelled = cancelBookingByToken(context, token);
  return bookingView(context.db, cancelled, context.now());
}

export const noBookingForToken = () => new ApiProblem("not_found", "No booking belongs to this manage token.");

export const tokenMissing = () =>
  new ApiProblem("token_missing", "Send the manage token in the X-Manage-Token header (or as Authorization: Bearer <token>).");
