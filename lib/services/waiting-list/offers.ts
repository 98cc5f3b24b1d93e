/**
 * Offers from the waiting list. When a time frees up (a cancellation, a move, a released hold, new capacity), the
 * longest-waiting active entry that fits gets it: the time is held for it (a booking with status "held", which
 * occupies capacity like an appointment) and the offer mail goes out in the same transaction. Accepting turns the hold
 * into the appointment; declining or letting the deadline pass releases it and the matcher offers it to the next.
 *
 * Rules chosen here (Nürnberg holds 24 h, Düsseldorf keeps people on its list after a "no"):
 * - Order: the moment the e-mail was confirmed, earliest first. An entry gets the earliest free time that fits its
 *   concerns, one of its locations and its dates, seen exactly as the booking flow sees it (online audience, lead
 *   time, horizon).
 * - Declined: the entry keeps its place on the list and is never offered that same time again.
 * - Not answered by the deadline: the entry leaves the list (deleted). An unanswered offer blocks a time for hours;
 *   an entry that does not answer would do that again with every freed time.
 * - A hold past its deadline keeps its time until the job releases it (at most a minute later), so the freed time
 *   goes to the next entry on the list first, not to whoever books in between.
 */
import { and, asc, eq, inArray, lte } from "drizzle-orm";
import type { DbOrTransaction, DbTransaction } from "@/db/client";
import { loadCatalogue } from "@/db/queries/catalogue";
import { findLocation } from "@/db/queries/locations";
import { getSettings } from "@/db/queries/settings";
import { bookingItems, bookings, waitingListEntries, waitingListItems, waitingListLocations, type Booking, type Location, type WaitingListEntry } from "@/db/schema";
import type { RequestedItem } from "@/lib/domain/booking-request";
import type { AvailabilityAudience } from "@/lib/domain/enums";
import { renderWaitingListOfferEmail } from "@/lib/email/waiting-list-templates";
import { enqueueEmail } from "@/lib/email/outbox";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";
import { AppError, NotFoundError } from "@/lib/errors";
import { recordAudit } from "../audit";
import { availabilityFor } from "../availability";
import { notifyCitizen } from "../booking-details";
import { findBookingOrHoldByToken, holdStillFits, holdTimeInTransaction, SlotTakenError } from "../bookings";
import { manageUrl, type ServiceContext } from "../context";
import { deleteEntries, deleteUnconfirmedEntries } from "./entries";
import { inWriteTransaction } from "@/db/transaction";

export function offerUrl(context: Pick<ServiceContext, "publicUrl">, token: string, answer: "annehmen" | "ablehnen"): string {
  return `${context.publicUrl}/termin/warteliste/angebot/${token}${answer === "ablehnen" ? "/ablehnen" : ""}`;
}

type EntryRequest = { entry: WaitingListEntry; items: RequestedItem[]; locationIds: number[] };

async function loadEntryRequest(db: DbOrTransaction, entry: WaitingListEntry): Promise<EntryRequest> {
  const items = await db
    .select({ concernId: waitingListItems.concernId, quantity: waitingListItems.quantity })
    .from(waitingListItems)
    .where(eq(waitingListItems.entryId, entry.id))
    .orderBy(asc(waitingListItems.concernId));
  const locationIds = (await db
    .select({ locationId: waitingListLocations.locationId })
    .from(waitingListLocations)
    .where(eq(waitingListLocations.entryId, entry.id))
    .orderBy(asc(waitingListLocations.locationId)))
    .map((row) => row.locationId);
  return { entry, items, locationIds };
}

/**
 * Offers free times to active entries, longest waiting first; `locationIds` limits the round to entries that want one
 * of these locations (a cancellation there). Each offer is its own transaction. Returns how many offers were made.
 */
export async function matchWaitingList(context: ServiceContext, options: { locationIds?: number[] } = {}): Promise<number> {
  const now = context.now();
  const base = await context.db
    .selectDistinct({ id: waitingListEntries.id, confirmedAt: waitingListEntries.confirmedAt })
    .from(waitingListEntries)
    .innerJoin(waitingListLocations, eq(waitingListLocations.entryId, waitingListEntries.id))
    .where(
      and(
        eq(waitingListEntries.status, "active"),
        options.locationIds ? inArray(waitingListLocations.locationId, options.locationIds) : undefined,
      ),
    )
    .orderBy(asc(waitingListEntries.confirmedAt), asc(waitingListEntries.id));
  let offers = 0;
  for (const { id } of base) {
    const offered = await inWriteTransaction(context.db, async (tx) => offerFirstFreeTime(tx, context, id, now));
    if (offered) offers += 1;
  }
  return offers;
}

/**
 * Runs the matcher for times just freed, after the freeing transaction committed. A failure here must not undo or
 * fail the cancellation: the background job runs the matcher again within a minute.
 */
export async function offerFreedTimes(context: ServiceContext, locationIds: number[]): Promise<void> {
  if (locationIds.length === 0) return;
  try {
    await matchWaitingList(context, { locationIds: [...new Set(locationIds)] });
  } catch (error) {
    console.error("waiting-list matching failed:", error instanceof Error ? error.name : "unknown");
  }
}

async function offerFirstFreeTime(tx: DbTransaction, context: ServiceContext, entryId: number, now: Date): Promise<boolean> {
  const entry = (await tx.select().from(waitingListEntries).where(eq(waitingListEntries.id, entryId)))[0];
  if (!entry || entry.status !== "active" || entry.expiresAt.getTime() <= now.getTime()) return false;
  const request = await loadEntryRequest(tx, entry);
  // Times this entry was offered before and declined: never offered to it again.
  const declined = new Set(
    (await tx
      .select({ locationId: bookings.locationId, startsAt: bookings.startsAt })
      .from(bookings)
      .where(eq(bookings.waitingListEntryId, entry.id)))
      .map((row) => `${row.locationId}|${row.startsAt.getTime()}`),
  );
  let best: { location: Location; startsAt: Date } | null = null;
  for (const locationId of request.locationIds) {
    const location = await findLocation(tx, locationId);
    if (!location?.active) continue;
    const result = await availabilityFor(tx, { now, location, items: request.items, audience: "online", from: entry.fromDate, to: entry.toDate });
    if (!result.ok) continue;
    const slot = result.days.flatMap((day) => day.slots).find((s) => !declined.has(`${location.id}|${s.startsAt.getTime()}`));
    if (slot && (!best || slot.startsAt.getTime() < best.startsAt.getTime())) best = { location, startsAt: slot.startsAt };
  }
  if (!best) return false;
  await createOffer(tx, context, request, best.location, best.startsAt, now, "online");
  return true;
}

async function createOffer(
  tx: DbTransaction,
  context: ServiceContext,
  request: EntryRequest,
  location: Location,
  startsAt: Date,
  now: Date,
  audience: AvailabilityAudience,
): Promise<Booking> {
  const { entry } = request;
  const settings = await getSettings(tx);
  // Never held past the appointment's start: a time offered at short notice must be answered before it begins.
  const heldUntil = new Date(Math.min(now.getTime() + settings.offerHoldHours * 60 * 60_000, startsAt.getTime()));
  const { booking, token } = await holdTimeInTransaction(tx, context, now, {
    location,
    items: request.items,
    startsAt,
    heldUntil,
    citizen: { name: entry.citizenName, email: entry.email },
    language: entry.language,
    waitingListEntryId: entry.id,
    audience,
  });
  await tx.update(waitingListEntries).set({ status: "offered", updatedAt: now }).where(eq(waitingListEntries.id, entry.id));
  const names = new Map((await loadCatalogue(tx, { includeInactive: true })).map((c) => [c.id, entry.language === "de" ? c.nameDe : c.nameEn]));
  const mail = renderWaitingListOfferEmail({
    language: entry.language,
    officeName: settings.officeName,
    officePhone: location.phone || settings.contactPhone,
    citizenName: entry.citizenName,
    timeZone: location.timeZone,
    concerns: request.items.map((item) => ({ name: names.get(item.concernId) ?? "", quantity: item.quantity })),
    startsAt: booking.startsAt,
    location: { name: location.name, street: location.street, postalCode: location.postalCode, city: location.city },
    heldUntil,
    acceptUrl: offerUrl(context, token, "annehmen"),
    declineUrl: offerUrl(context, token, "ablehnen"),
  });
  await enqueueEmail(tx, { kind: "waiting_list_offer", bookingId: booking.id, recipient: entry.email, email: mail, attachments: [] }, { now, canSend: context.canSendMail });
  return booking;
}

/** An offer as its page shows it: the held booking, while it is open. Null for anything else. */
export async function findOpenOffer(db: DbOrTransaction, token: string, now: Date): Promise<Booking | null> {
  const booking = await findBookingOrHoldByToken(db, token);
  if (!booking || booking.holdPurpose !== "offer" || booking.status !== "held") return null;
  if (!booking.heldUntil || booking.heldUntil.getTime() <= now.getTime()) return null;
  return booking;
}

/**
 * The citizen accepts (POST): the hold becomes the appointment, with the normal confirmation mail whose manage link is
 * the offer's own token, and the entry leaves the list. Accepting an offer already accepted answers the same booking
 * (a double click); an offer past its deadline or released cannot be accepted.
 */
export async function acceptOffer(context: ServiceContext, token: string): Promise<Booking> {
  const now = context.now();
  const outcome = await inWriteTransaction(context.db, async (tx): Promise<Booking | "gone"> => {
    const booking = await findBookingOrHoldByToken(tx, token);
    if (!booking || booking.holdPurpose !== "offer") throw new NotFoundError("offer");
    if (booking.status === "booked") return booking;
    if (booking.status !== "held" || !booking.heldUntil || booking.heldUntil.getTime() <= now.getTime()) {
      throw new AppError("booking_not_active", "the offer is no longer open");
    }
    // A closure or capacity cut since the offer: the time cannot be kept; the entry goes back to waiting.
    if (!await holdStillFits(tx, booking)) {
      await tx.update(bookings).set({ status: "released", heldUntil: null, cancelledAt: now, updatedAt: now }).where(eq(bookings.id, booking.id));
      if (booking.waitingListEntryId !== null) {
        await tx.update(waitingListEntries).set({ status: "active", updatedAt: now }).where(eq(waitingListEntries.id, booking.waitingListEntryId));
      }
      return "gone";
    }
    const booked = (await tx
      .update(bookings)
      .set({ status: "booked", heldUntil: null, updatedAt: now })
      .where(eq(bookings.id, booking.id))
      .returning())[0]!;
    if (booking.waitingListEntryId !== null) await deleteEntries(tx, [booking.waitingListEntryId]);
    await notifyCitizen(tx, booked, "booking_confirmation", { manageUrl: manageUrl(context, token) }, { now, canSend: context.canSendMail });
    return (await tx.select().from(bookings).where(eq(bookings.id, booking.id)))[0]!;
  });
  if (outcome === "gone") throw new AppError("booking_not_active", "the offered time is no longer available");
  return outcome;
}

/**
 * The citizen declines (POST): the hold is released and the time offered to the next entry. The entry keeps its
 * place, or leaves the list when the citizen asks so. Declining what is no longer open changes nothing.
 */
export async function declineOffer(context: ServiceContext, token: string, options: { leave: boolean }): Promise<{ declined: boolean }> {
  const now = context.now();
  const outcome = await inWriteTransaction(context.db, async (tx) => {
    const booking = await findOpenOffer(tx, token, now);
    if (!booking) return null;
    await tx.update(bookings).set({ status: "released", heldUntil: null, cancelledAt: now, updatedAt: now }).where(eq(bookings.id, booking.id));
    const entryId = booking.waitingListEntryId;
    if (entryId !== null) {
      const entry = (await tx.select().from(waitingListEntries).where(eq(waitingListEntries.id, entryId)))[0];
      if (options.leave || (entry && entry.expiresAt.getTime() <= now.getTime())) await deleteEntries(tx, [entryId]);
      else await tx.update(waitingListEntries).set({ status: "active", updatedAt: now }).where(eq(waitingListEntries.id, entryId));
    }
    return booking.locationId;
  });
  if (outcome === null) return { declined: false };
  await offerFreedTimes(context, [outcome]);
  return { declined: true };
}

export type WaitingListRound = { released: number; expiredEntries: number; unconfirmedDeleted: number; offers: number };

/**
 * The background job's round (every minute): releases holds past their deadline (their entries leave the list),
 * deletes entries past their dates and sign-ups never confirmed, then offers what is free, which also covers new
 * capacity.
 */
export async function runWaitingListRound(context: ServiceContext): Promise<WaitingListRound> {
  const now = context.now();
  const tidy = await inWriteTransaction(context.db, async (tx) => {
    const lapsed = await tx
      .select({ id: bookings.id, entryId: bookings.waitingListEntryId })
      .from(bookings)
      .where(and(eq(bookings.status, "held"), lte(bookings.heldUntil, now)));
    if (lapsed.length > 0) {
      await tx.update(bookings)
        .set({ status: "released", heldUntil: null, cancelledAt: now, updatedAt: now })
        .where(inArray(bookings.id, lapsed.map((row) => row.id)));
    }
    const unanswered = lapsed.map((row) => row.entryId).filter((id): id is number => id !== null);
    const pastRange = (await tx
      .select({ id: waitingListEntries.id })
      .from(waitingListEntries)
      .where(and(eq(waitingListEntries.status, "active"), lte(waitingListEntries.expiresAt, now))))
      .map((row) => row.id);
    await deleteEntries(tx, [...unanswered, ...pastRange]);
    const unconfirmedDeleted = await deleteUnconfirmedEntries(tx, now);
    return { released: lapsed.length, expiredEntries: unanswered.length + pastRange.length, unconfirmedDeleted };
  });
  return { ...tidy, offers: await matchWaitingList(context) };
}

/**
 * A clerk offers a chosen time to an active entry: the same hold and mail as the matcher, at a time the clerk picked
 * (staff-only counters allowed), audited.
 */
export async function offerTimeByStaff(access: StaffAccess, input: { entryId: number; locationId: number; startsAt: Date }): Promise<Booking> {
  const context = authorize(access, "staff");
  const now = context.now();
  return inWriteTransaction(context.db, async (tx) => {
    const entry = (await tx.select().from(waitingListEntries).where(eq(waitingListEntries.id, input.entryId)))[0];
    if (!entry || entry.status !== "active") throw new NotFoundError("waiting list entry");
    const request = await loadEntryRequest(tx, entry);
    const location = await findLocation(tx, input.locationId);
    if (!location?.active || !request.locationIds.includes(location.id)) throw new NotFoundError("location");
    const booking = await createOffer(tx, context, request, location, input.startsAt, now, "staff");
    await recordAudit(tx, context.actor, {
        action: "waiting_list.offer",
        entityType: "booking",
        entityId: booking.id,
        after: { referenceCode: booking.referenceCode, status: booking.status, locationId: booking.locationId, startsAt: booking.startsAt.toISOString() },
      });
    return booking;
  });
}

export { SlotTakenError };

/** The concerns of a held booking, for its page. */
export async function offerItems(db: DbOrTransaction, bookingId: number) {
  return await db.select().from(bookingItems).where(eq(bookingItems.bookingId, bookingId)).orderBy(asc(bookingItems.id));
}
