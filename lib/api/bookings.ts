import type { z } from "zod";
import type { DbOrTransaction } from "@/db/client";
import { getSettings } from "@/db/queries/settings";
import type { Booking } from "@/db/schema";
import type { RequestProblem } from "@/lib/domain/booking-request";
import { isAppError } from "@/lib/errors";
import { CITIZEN_ACTOR } from "@/lib/services/audit";
import { loadBookingDetails, type BookingDetails } from "@/lib/services/booking-details";
import { cancelBookingByToken, citizenChangeRules, createBooking, findBookingByToken } from "@/lib/services/bookings";
import { manageUrl, type ServiceContext } from "@/lib/services/context";
import { deriveManageToken, generateFormNonce } from "@/lib/booking-tokens";
import { ApiProblem } from "./problem";
import { bodyConcernField, requestProblem, resolveRequest } from "./resolve";
import type { BookingRequest, BookingView, bookingCreatedSchema } from "./schemas";

type BookingCreated = z.output<typeof bookingCreatedSchema>;

/** What a booking's owner sees: no name, e-mail or phone, so a leaked response reveals little. */
export async function bookingView(db: DbOrTransaction, booking: Booking, now: Date, details?: BookingDetails): Promise<BookingView> {
  const { location, items, checklist, totalFeeCents } = details ?? (await loadBookingDetails(db, booking, booking.language));
  const rules = citizenChangeRules(booking, await getSettings(db), now);
  return {
    referenceCode: booking.referenceCode,
    status: booking.status,
    heldUntil: booking.status === "held" && booking.heldUntil ? booking.heldUntil.toISOString() : null,
    language: booking.language,
    start: booking.startsAt.toISOString(),
    end: booking.endsAt.toISOString(),
    location: {
      slug: location.slug,
      name: location.name,
      address: { street: location.street, postalCode: location.postalCode, city: location.city },
    },
    items: items.map((item) => ({ concern: item.slug, name: item.name, quantity: item.quantity })),
    checklist: checklist.required.map((entry) => ({ key: entry.key, name: entry.name, hint: entry.hint, quantity: entry.quantity })),
    conditionalChecklist: checklist.conditional.map((entry) => ({
      key: entry.key,
      name: entry.name,
      hint: entry.hint,
      quantity: entry.quantity,
      conditions: entry.conditions,
    })),
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
function linkNonceFor(idempotencyKey: string | null, email: string): string {
  return idempotencyKey ? `api:${idempotencyKey}:${email}` : `api:${generateFormNonce()}`;
}

export async function bookOnline(
  context: ServiceContext,
  request: BookingRequest,
  idempotencyKey: string | null,
): Promise<{ created: BookingCreated; isNew: boolean }> {
  const resolved = await resolveRequest(context.db, request, bodyConcernField);
  let outcome: Awaited<ReturnType<typeof createBooking>>;
  try {
    outcome = await createBooking(context, CITIZEN_ACTOR, {
      locationId: resolved.location.id,
      items: resolved.items,
      startsAt: request.start,
      channel: "online",
      citizen: request.citizen,
      language: request.language,
      linkNonce: linkNonceFor(idempotencyKey, request.citizen.email),
    });
  } catch (error) {
    // The catalogue changed between our check and the transaction: still name the concern.
    if (isAppError(error) && error.code === "request_invalid" && error.details.problem) {
      throw requestProblem(error.details.problem as RequestProblem, { request, items: resolved.items, catalogue: resolved.catalogue, fieldOf: bodyConcernField });
    }
    throw error;
  }
  // Two requests with one key at the same moment: the second finds the first's booking here.
  if (!outcome.isNew) await assertSameRequest(context, outcome.booking, request);
  // A new booking's answer comes from the rows the transaction has just written (outcome.details), not a re-read.
  return { created: await createdView(context, outcome.booking, outcome.manageToken, outcome.details), isNew: outcome.isNew };
}

/**
 * A retried request: the booking an earlier request with this Idempotency-Key (and e-mail address) made, or null.
 * A key reused for a different request is refused with 422 rather than answered with someone else's booking.
 */
export async function findIdempotentBooking(context: ServiceContext, request: BookingRequest, idempotencyKey: string | null): Promise<BookingCreated | null> {
  if (!idempotencyKey) return null;
  const token = deriveManageToken(context.secret, linkNonceFor(idempotencyKey, request.citizen.email));
  const booking = await findBookingByToken(context.db, token);
  if (!booking) return null;
  await assertSameRequest(context, booking, request);
  return createdView(context, booking, token);
}

async function createdView(context: ServiceContext, booking: Booking, token: string, details?: BookingDetails): Promise<BookingCreated> {
  return { booking: await bookingView(context.db, booking, context.now(), details), manageToken: token, manageUrl: manageUrl(context, token) };
}

async function assertSameRequest(context: ServiceContext, booking: Booking, request: BookingRequest): Promise<void> {
  const { location, items } = await loadBookingDetails(context.db, booking, booking.language);
  const requestedItems = request.concerns.map((c) => `${c.concern}:${c.quantity}`).sort();
  const bookedItems = items.map((item) => `${item.slug}:${item.quantity}`).sort();
  const same =
    location.slug === request.location &&
    booking.startsAt.getTime() === request.start.getTime() &&
    JSON.stringify(bookedItems) === JSON.stringify(requestedItems) &&
    booking.citizenName === request.citizen.name &&
    booking.email?.toLowerCase() === request.citizen.email.toLowerCase() &&
    (booking.phone ?? null) === (request.citizen.phone ?? null) &&
    booking.language === request.language;
  if (!same) {
    throw new ApiProblem("idempotency_key_reused", "This Idempotency-Key was used for a different booking request. Use a new key for a new booking.");
  }
}

export async function viewBookingByToken(context: ServiceContext, token: string): Promise<BookingView> {
  const booking = await findBookingByToken(context.db, token);
  if (!booking) throw noBookingForToken();
  return bookingView(context.db, booking, context.now());
}

export async function cancelBookingForApi(context: ServiceContext, token: string): Promise<BookingView> {
  const cancelled = await cancelBookingByToken(context, token);
  return bookingView(context.db, cancelled, context.now());
}

export const noBookingForToken = () => new ApiProblem("not_found", "No booking belongs to this manage token.");

export const tokenMissing = () =>
  new ApiProblem("token_missing", "Send the manage token in the X-Manage-Token header (or as Authorization: Bearer <token>).");
