/**
 * Booking use cases. Each is one synchronous BEGIN IMMEDIATE transaction that re-reads the current state and re-runs
 * the availability engine before writing, so a slot's capacity can never be exceeded, also across processes.
 */
import { createHash } from "node:crypto";
import { and, asc, count, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { checkpointBetweenTransactions, isErasureCheckpointPending, type DbOrTransaction, type DbTransaction } from "@/db/client";
import { loadCatalogue, toEngineCatalogue } from "@/db/queries/catalogue";
import { findLocation, loadLocationSchedule } from "@/db/queries/locations";
import { getSettings } from "@/db/queries/settings";
import { deleteExpiredNoShowMarks, hasReachedNoShowLimit } from "./no-shows";
import { instantParam, isPostgres } from "@/db/engine";
import { preparedOnce } from "@/db/prepared";
import { bookingItems, bookings, emailOutbox, queueEntries, type Booking, type Location, type Settings } from "@/db/schema";
import { computeDays, findBookableSlot, nearestSlots, nearestSlotsSettled, type AvailabilityDay, type BookingRules, type Slot } from "@/lib/domain/availability";
import { appointmentDurationMinutes, findRequestProblem, type RequestedItem } from "@/lib/domain/booking-request";
import { OPEN_QUEUE_STATUSES } from "@/lib/domain/queue";
import type { AvailabilityAudience, BookingChannel, Language } from "@/lib/domain/enums";
import { addDays, instantToZoned, zonedToInstant, type LocalDate } from "@/lib/domain/zoned-time";
import { AppError, NotFoundError } from "@/lib/errors";
import { recordAudit, type Actor } from "./audit";
import { bookingDetailsFrom, notifyCitizen, type BookedItem, type BookingDetails } from "./booking-details";
import { manageUrl, type ServiceContext } from "./context";
import { confirmationUrl } from "./booking-confirmation";
import { manageTokenForMail } from "./manage-link";
import { deriveManageToken, generateFormNonce, generateManageToken, generateReferenceCode, hashManageToken } from "@/lib/booking-tokens";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";
import { mailboxOf } from "@/lib/domain/mailbox";
import { offerFreedTimes } from "./waiting-list/offers";
import { inWriteTransaction } from "@/db/transaction";

export class SlotTakenError extends AppError {
  constructor(
    readonly alternatives: Date[],
    /** What was asked, while the nearest free times are still to be looked up (withNearestFreeTimes). */
    readonly check?: SlotCheck,
  ) {
    super("slot_taken", "the chosen time is no longer available", { alternatives: alternatives.map((d) => d.toISOString()) });
    this.name = "SlotTakenError";
  }
}

export type CitizenData = { name: string; email: string | null; phone: string | null; note: string | null };

export type NewBooking = {
  locationId: number;
  items: RequestedItem[];
  startsAt: Date;
  /** Citizens book online; other channels only through staff services (createPhoneBooking). */
  channel: "online";
  citizen: CitizenData;
  language: Language;
  /**
   * Chosen by the caller; the manage token is derived from it with the server secret, so the same nonce for a repeated
   * submission makes the call idempotent. Stored, so later e-mails can carry the same link (lib/services/manage-link.ts).
   */
  linkNonce: string;
};

/**
 * `details`: for a new booking, its details built from the rows just written, so an answer needs no re-read after
 * the commit (a repeated submission's booking comes without them).
 */
export type BookingOutcome = { booking: Booking; manageToken: string; isNew: boolean; details?: BookingDetails };

const ALTERNATIVES_SHOWN = 6;

export function rulesFrom(settings: Settings): BookingRules {
  return { leadTimeMinutes: settings.leadTimeMinutes, horizonDays: settings.horizonDays, slotGridMinutes: settings.slotGridMinutes };
}

export function audienceFor(channel: BookingChannel): AvailabilityAudience {
  return channel === "online" ? "online" : "staff";
}

/**
 * A citizen books online (the wizard, the API). Only the online channel: staff-only counters and the exemption from
 * the per-e-mail limit belong to phone bookings, which need a StaffAccess (createPhoneBooking).
 */
export async function createBooking(context: ServiceContext, actor: Actor, input: NewBooking): Promise<BookingOutcome> {
  if (input.channel !== "online") throw new AppError("forbidden", "only staff book on other channels");
  return placeBooking(context, actor, input);
}

async function placeBooking(context: ServiceContext, actor: Actor, input: Omit<NewBooking, "channel"> & { channel: BookingChannel }): Promise<BookingOutcome> {
  const now = context.now();
  const manageToken = deriveManageToken(context.secret, input.linkNonce);
  const tokenHash = hashManageToken(manageToken);
  // What this booking decides on: the location's capacity and the mailbox's limits. On PostgreSQL bookings at other
  // locations (for other mailboxes) run at the same time; anything else that writes still waits for them.
  const locks = [`location:${input.locationId}`, ...(input.citizen.email ? [mailboxLockKey(input.citizen.email)] : [])];
  return withNearestFreeTimes(context.db, () => inWriteTransaction(context.db, async (tx) => {
    // A repeated submission (double click, reload) gets the booking the first one made. It is not looked up first,
    // which would cost every booking a statement while it holds its location's lock: the insert finds it (the manage
    // token is taken), and so does a refusal, which may be the first booking's own doing (it took the last seat, or
    // the mailbox's last active booking).
    const earlier = async () => {
      const booking = (await bookingByTokenHash(tx).execute({ hash: tokenHash }))[0];
      return booking ? { booking, manageToken, isNew: false } : undefined;
    };
    try {
      return (await decideAndInsert()) ?? (await earlier())!;
    } catch (error) {
      if (error instanceof AppError) {
        const found = await earlier();
        if (found) return found;
      }
      throw error;
    }

    async function decideAndInsert(): Promise<BookingOutcome | undefined> {
      const location = await requireActiveLocation(tx, input.locationId);
      const settings = await getSettings(tx);
      const catalogueEntries = new Map((await loadCatalogue(tx)).map((c) => [c.id, c]));
      const catalogue = toEngineCatalogue([...catalogueEntries.values()]);
      const problem = findRequestProblem(input.items, catalogue, location.id);
      if (problem) throw new AppError("request_invalid", "request not bookable", { problem });

      if (input.channel === "online" && input.citizen.email) {
        const active = await countActiveBookings(tx, input.citizen.email, now);
        if (active >= settings.maxActiveBookingsPerEmail) {
          throw new AppError("too_many_active_bookings", "limit of active bookings reached", { max: settings.maxActiveBookingsPerEmail });
        }
        if (await hasReachedNoShowLimit(tx, context.secret, settings, mailboxOf(input.citizen.email), now)) {
          throw new AppError("too_many_no_shows", "missed appointments: book by phone", { max: settings.noShowLimit });
        }
      }

      const rules = rulesFrom(settings);
      const durationMinutes = appointmentDurationMinutes(input.items, catalogue, rules.slotGridMinutes);
      const concernIds = input.items.map((item) => item.concernId);
      const audience = audienceFor(input.channel);
      const slot = await recheckSlot(tx, { location, rules, now, audience, concernIds, durationMinutes, startsAt: input.startsAt });
      // Double opt-in (off by default): an online booking holds its time until the citizen confirms it by e-mail.
      const isHeld = input.channel === "online" && input.citizen.email !== null && settings.bookingConfirmationMinutes > 0;

      const [inserted] = await insertBooking(tx).execute({
        status: isHeld ? "held" : "booked",
        holdPurpose: isHeld ? "confirmation" : null,
        referenceCode: await uniqueReferenceCode(tx),
        manageTokenHash: tokenHash,
        linkNonce: input.linkNonce,
        channel: input.channel,
        locationId: location.id,
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        citizenName: input.citizen.name,
        email: input.citizen.email,
        mailbox: input.citizen.email ? mailboxOf(input.citizen.email) : null,
        phone: input.citizen.phone,
        note: input.citizen.note,
        language: input.language,
        createdByUserId: actor.userId,
        createdAt: now,
        updatedAt: now,
      });
      if (!inserted) return undefined;
      // The deadline is set apart: a prepared statement cannot bind a null instant.
      const booking = isHeld
        ? (await tx
            .update(bookings)
            .set({ heldUntil: new Date(Math.min(now.getTime() + settings.bookingConfirmationMinutes * 60_000, slot.startsAt.getTime())) })
            .where(eq(bookings.id, inserted.id))
            .returning())[0]!
        : inserted;
      const items = await insertBookingItems(tx, booking.id, input.items, catalogueEntries);
      const details = await bookingDetailsFrom(tx, booking, items, booking.language);

      const mailOptions = { now, canSend: context.canSendMail, details };
      if (booking.status === "held") {
        await notifyCitizen(tx, booking, "booking_confirm_request", { confirmUrl: confirmationUrl(context, booking), confirmBy: booking.heldUntil! }, mailOptions);
      } else {
        await notifyCitizen(tx, booking, "booking_confirmation", { manageUrl: manageUrl(context, manageToken) }, mailOptions);
      }
      if (actor.userId !== null) {
        await recordAudit(tx, actor, { action: "booking.create", entityType: "booking", entityId: booking.id, after: auditView(booking) });
      }
      return { booking, manageToken, isNew: true, details };
    }
  }, { locks }));
}

/** A hash, not the address: lock keys are bound parameters, which a database server's statement log may record. */
function mailboxLockKey(email: string): string {
  return `mailbox:${createHash("sha256").update(mailboxOf(email)).digest("base64url").slice(0, 22)}`;
}

/** A clerk books for a caller: the same transaction as online, on the phone channel (which may use staff-only counters). */
export async function createPhoneBooking(access: StaffAccess, input: Omit<NewBooking, "channel">): Promise<BookingOutcome> {
  const context = authorize(access, "staff");
  return placeBooking(context, context.actor, { ...input, channel: "phone" });
}

export type NewHold = {
  location: Location;
  items: RequestedItem[];
  startsAt: Date;
  heldUntil: Date;
  citizen: { name: string; email: string };
  language: Language;
  waitingListEntryId: number;
  audience: AvailabilityAudience;
};

/**
 * Holds a time for a waiting-list entry inside the caller's transaction: a booking with status "held" that occupies
 * its time like an appointment (CAPACITY_HOLDING_STATUSES), re-checked against the current state exactly like a
 * booking. Its manage token is the offer's link: accepting turns the same row into the appointment, so the link in
 * the offer mail then manages it.
 */
export async function holdTimeInTransaction(tx: DbTransaction, context: Pick<ServiceContext, "secret">, now: Date, input: NewHold): Promise<{ booking: Booking; token: string }> {
  const settings = await getSettings(tx);
  const catalogueEntries = new Map((await loadCatalogue(tx)).map((c) => [c.id, c]));
  const catalogue = toEngineCatalogue([...catalogueEntries.values()]);
  const problem = findRequestProblem(input.items, catalogue, input.location.id);
  if (problem) throw new AppError("request_invalid", "request not bookable", { problem });
  const rules = rulesFrom(settings);
  const durationMinutes = appointmentDurationMinutes(input.items, catalogue, rules.slotGridMinutes);
  const slot = await recheckSlot(tx, {
    location: input.location,
    rules,
    now,
    audience: input.audience,
    concernIds: input.items.map((item) => item.concernId),
    durationMinutes,
    startsAt: input.startsAt,
  });
  // Derived from a stored nonce like an online booking's token, so later mails (the reminder) repeat the same link.
  const linkNonce = `offer:${generateFormNonce()}`;
  const token = deriveManageToken(context.secret, linkNonce);
  const booking = (await tx
    .insert(bookings)
    .values({
      referenceCode: await uniqueReferenceCode(tx),
      manageTokenHash: hashManageToken(token),
      linkNonce,
      status: "held",
      heldUntil: input.heldUntil,
      holdPurpose: "offer",
      waitingListEntryId: input.waitingListEntryId,
      channel: "online",
      locationId: input.location.id,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      citizenName: input.citizen.name,
      email: input.citizen.email,
      mailbox: mailboxOf(input.citizen.email),
      language: input.language,
      createdAt: now,
      updatedAt: now,
    })
    .returning())[0]!;
  await insertBookingItems(tx, booking.id, input.items, catalogueEntries);
  return { booking, token };
}

/**
 * Whether a held time still fits the capacity rules and closures as they are now (a closure or capacity cut since the
 * offer): re-checked as of the moment of the offer, so the lead time, met then, does not count against a citizen who
 * accepts later.
 */
export async function holdStillFits(tx: DbTransaction, hold: Booking): Promise<boolean> {
  const location = await findLocation(tx, hold.locationId);
  if (!location || !location.active) return false;
  const items = await tx.select().from(bookingItems).where(eq(bookingItems.bookingId, hold.id)).orderBy(asc(bookingItems.id));
  try {
    await recheckSlot(tx, {
        location,
        rules: rulesFrom(await getSettings(tx)),
        now: hold.createdAt,
        audience: "staff",
        concernIds: items.map((i) => i.concernId),
        durationMinutes: Math.round((hold.endsAt.getTime() - hold.startsAt.getTime()) / 60_000),
        startsAt: hold.startsAt,
        excludeBookingId: hold.id,
      });
    return true;
  } catch (error) {
    if (error instanceof SlotTakenError) return false;
    throw error;
  }
}

/**
 * The booking a manage link points to, or null. Authorisation is the token itself: only its hash is compared. A
 * waiting-list hold is not an appointment yet: its token opens only the offer pages (findBookingOrHoldByToken).
 */
export async function findBookingByToken(db: DbOrTransaction, token: string): Promise<Booking | null> {
  const booking = await findBookingOrHoldByToken(db, token);
  return booking && booking.status !== "held" && booking.status !== "released" ? booking : null;
}

export async function findBookingOrHoldByToken(db: DbOrTransaction, token: string): Promise<Booking | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const booking = (await bookingByTokenHash(db).execute({ hash: hashManageToken(token) }))[0];
  return booking && booking.anonymizedAt === null ? booking : null;
}

export type ChangeRules = { canChange: boolean; cutoffAt: Date; reason: "not_active" | "cutoff_passed" | null };

/** Whether the citizen may still move or cancel: only active bookings, and only until the cut-off. */
export function citizenChangeRules(booking: Booking, settings: Settings, now: Date): ChangeRules {
  const cutoffAt = new Date(booking.startsAt.getTime() - settings.cancellationCutoffMinutes * 60_000);
  if (booking.status !== "booked") return { canChange: false, cutoffAt, reason: "not_active" };
  if (now.getTime() > cutoffAt.getTime()) return { canChange: false, cutoffAt, reason: "cutoff_passed" };
  return { canChange: true, cutoffAt, reason: null };
}

export async function cancelBookingByToken(context: ServiceContext, token: string): Promise<Booking> {
  const now = context.now();
  const cancelled = await inWriteTransaction(context.db, async (tx) => {
    const booking = await requireBookingByToken(tx, token);
    assertCitizenMayChange(booking, await getSettings(tx), now);
    return cancel(tx, context, booking, now, {});
  });
  await offerFreedTimes(context, [cancelled.locationId]);
  return cancelled;
}

export async function cancelBookingByStaff(access: StaffAccess,
  bookingId: number,
  options: { officeReason?: string; rebookUrl?: string } = {},
): Promise<Booking> {
  const context = authorize(access, "staff");
  const { actor } = context;
  const now = context.now();
  const result = await inWriteTransaction(context.db, async (tx) => {
    const booking = (await tx.select().from(bookings).where(eq(bookings.id, bookingId)))[0];
    if (!booking) throw new NotFoundError("booking");
    if (booking.status !== "booked" && booking.status !== "checked_in") {
      throw new AppError("booking_not_active", "booking is not active");
    }
    const cancelled = await cancel(tx, context, booking, now, options);
    await recordAudit(tx, actor, { action: "booking.cancel", entityType: "booking", entityId: booking.id, before: auditView(booking), after: auditView(cancelled) });
    return cancelled;
  });
  await offerFreedTimes(context, [result.locationId]);
  return result;
}

/** Cancels several bookings in one transaction (a closure, a capacity cut), each with its apology e-mail. */
export async function cancelManyByStaff(access: StaffAccess,
  bookingIds: number[],
  options: { officeReason: string; rebookUrl: string },
): Promise<Booking[]> {
  const context = authorize(access, "staff");
  const { actor } = context;
  const now = context.now();
  const cancelled = await inWriteTransaction(context.db, async (tx) => cancelActiveInTransaction(tx, context, actor, bookingIds, now, options));
  await offerFreedTimes(context, cancelled.map((b) => b.locationId));
  return cancelled;
}

/** For callers that already hold a transaction (creating a closure cancels what it closes, atomically). */
export async function cancelActiveInTransaction(
  tx: DbTransaction,
  context: ServiceContext,
  actor: Actor,
  bookingIds: number[],
  now: Date,
  options: { officeReason: string; rebookUrl: string },
): Promise<Booking[]> {
  if (bookingIds.length === 0) return [];
  const rows = await tx.select().from(bookings).where(inArray(bookings.id, bookingIds)).orderBy(asc(bookings.startsAt), asc(bookings.id));
  // One after another: a transaction has one connection, and statements sent at once would only queue on it.
  const cancelled: Booking[] = [];
  for (const booking of rows.filter((b) => b.status === "booked" || b.status === "checked_in")) {
    const after = await cancel(tx, context, booking, now, options);
    await recordAudit(tx, actor, { action: "booking.cancel", entityType: "booking", entityId: booking.id, before: auditView(booking), after: auditView(after) });
    cancelled.push(after);
  }
  return cancelled;
}

async function cancel(tx: DbTransaction, context: ServiceContext, booking: Booking, now: Date, options: { officeReason?: string; rebookUrl?: string }): Promise<Booking> {
  const cancelled = (await tx
    .update(bookings)
    .set({ status: "cancelled", cancelledAt: now, updatedAt: now, revision: booking.revision + 1 })
    .where(eq(bookings.id, booking.id))
    .returning())[0]!;
  // A cancelled appointment leaves the hall's queue: nobody should call a person whose appointment is gone.
  await tx.delete(queueEntries)
    .where(and(eq(queueEntries.bookingId, booking.id), inArray(queueEntries.status, [...OPEN_QUEUE_STATUSES])));
  await notifyCitizen(tx, cancelled, options.officeReason ? "closure_apology" : "booking_cancelled", options, { now, canSend: context.canSendMail });
  return cancelled;
}

export async function rescheduleBookingByToken(context: ServiceContext, token: string, newStartsAt: Date): Promise<Booking> {
  const now = context.now();
  const moved = await withNearestFreeTimes(context.db, () => inWriteTransaction(context.db, async (tx) => {
    const booking = await requireBookingByToken(tx, token);
    assertCitizenMayChange(booking, await getSettings(tx), now);
    return reschedule(tx, context, booking, newStartsAt, now, "online", { url: manageUrl(context, token), replaced: false });
  }));
  // The old time is free now.
  await offerFreedTimes(context, [moved.locationId]);
  return moved;
}

export async function rescheduleBookingByStaff(access: StaffAccess, bookingId: number, newStartsAt: Date): Promise<Booking> {
  const context = authorize(access, "staff");
  const { actor } = context;
  const now = context.now();
  const moved = await withNearestFreeTimes(context.db, () => inWriteTransaction(context.db, async (tx) => {
    const booking = (await tx.select().from(bookings).where(eq(bookings.id, bookingId)))[0];
    if (!booking) throw new NotFoundError("booking");
    if (booking.status !== "booked") throw new AppError("booking_not_active", "booking is not active");
    // The e-mail carries the link the citizen already has, derived again from the booking's nonce
    // (lib/services/manage-link.ts); a booking from before nonces gets a new one, and the mail says so.
    const link = booking.email ? await manageTokenForMail(tx, context, booking) : null;
    const moved = await reschedule(tx, context, link?.booking ?? booking, newStartsAt, now, "staff", link && { url: manageUrl(context, link.token), replaced: link.replaced });
    await recordAudit(tx, actor, { action: "booking.reschedule", entityType: "booking", entityId: booking.id, before: auditView(booking), after: auditView(moved) });
    return moved;
  }));
  await offerFreedTimes(context, [moved.locationId]);
  return moved;
}

async function reschedule(
  tx: DbTransaction,
  context: ServiceContext,
  booking: Booking,
  newStartsAt: Date,
  now: Date,
  audience: AvailabilityAudience,
  link: { url: string; replaced: boolean } | null,
): Promise<Booking> {
  const location = await requireActiveLocation(tx, booking.locationId);
  const settings = await getSettings(tx);
  const items = await tx.select().from(bookingItems).where(eq(bookingItems.bookingId, booking.id)).orderBy(asc(bookingItems.id));
  // The appointment keeps its own length: a catalogue change after booking does not alter it.
  const durationMinutes = Math.round((booking.endsAt.getTime() - booking.startsAt.getTime()) / 60_000);
  const slot = await recheckSlot(tx, {
    location,
    rules: rulesFrom(settings),
    now,
    audience,
    concernIds: items.map((i) => i.concernId),
    durationMinutes,
    startsAt: newStartsAt,
    excludeBookingId: booking.id,
  });
  const moved = (await tx
    .update(bookings)
    // The new time gets its own reminder if its due time is still ahead (lib/services/reminders.ts): one sent for the
    // old time said nothing about this one.
    .set({ startsAt: slot.startsAt, endsAt: slot.endsAt, updatedAt: now, revision: booking.revision + 1, rescheduledAt: now, reminderSentAt: null })
    .where(eq(bookings.id, booking.id))
    .returning())[0]!;
  await notifyCitizen(
      tx,
      moved,
      "booking_rescheduled",
      { manageUrl: link?.url ?? null, linkReplaced: link?.replaced, previousStartsAt: booking.startsAt },
      { now, canSend: context.canSendMail },
    );
  return moved;
}

/**
 * The citizen removes their personal data. A future appointment is cancelled first (within the cut-off rules);
 * what remains is anonymous: concerns, time, location, status, channel.
 */
export async function deleteBookingDataByToken(context: ServiceContext, token: string): Promise<void> {
  const now = context.now();
  await inWriteTransaction(context.db, async (tx) => {
    let booking = await requireBookingByToken(tx, token);
    if (booking.status === "booked" && booking.startsAt.getTime() > now.getTime()) {
      assertCitizenMayChange(booking, await getSettings(tx), now);
      booking = (await tx
        .update(bookings)
        .set({ status: "cancelled", cancelledAt: now, updatedAt: now, revision: booking.revision + 1 })
        .where(eq(bookings.id, booking.id))
        .returning())[0]!;
    }
    await anonymize(tx, [booking.id], now);
  });
  await checkpointBetweenTransactions(context.db);
}

/** Retention: removes personal data from bookings that ended more than `retentionDays` ago. Returns how many. */
export async function anonymizeExpiredBookings(context: ServiceContext): Promise<number> {
  const now = context.now();
  const erased = await inWriteTransaction(context.db, async (tx) => {
    const settings = await getSettings(tx);
    const { retentionDays } = settings;
    const threshold = new Date(now.getTime() - retentionDays * 24 * 60 * 60_000);
    const expired = (await tx
      .select({ id: bookings.id })
      .from(bookings)
      .where(and(lt(bookings.endsAt, threshold), isNull(bookings.anonymizedAt))))
      .map((row) => row.id);
    await anonymize(tx, expired, now);
    await deleteExpiredNoShowMarks(tx, settings, now);
    return expired.length;
  });
  // Also retries an earlier erasure's checkpoint that another process's reader kept busy.
  if (erased > 0 || isErasureCheckpointPending(context.db)) await checkpointBetweenTransactions(context.db);
  return erased;
}

async function anonymize(tx: DbTransaction, bookingIds: number[], now: Date): Promise<void> {
  if (bookingIds.length === 0) return;
  for (const id of bookingIds) {
    await tx.update(bookings)
      .set({
        citizenName: "",
        email: null,
        mailbox: null,
        phone: null,
        note: null,
        // A fresh random hash: the old manage link stops working, and nobody holds a token for the new one; without
        // the nonce no later e-mail can derive one either.
        manageTokenHash: hashManageToken(generateManageToken()),
        linkNonce: null,
        anonymizedAt: now,
        updatedAt: now,
      })
      .where(eq(bookings.id, id));
  }
  await tx.delete(emailOutbox).where(inArray(emailOutbox.bookingId, bookingIds));
}

// ---------------------------------------------------------------------------------------------------------------

async function requireActiveLocation(tx: DbOrTransaction, locationId: number): Promise<Location> {
  const location = await findLocation(tx, locationId);
  if (!location || !location.active) throw new NotFoundError("location");
  return location;
}

async function requireBookingByToken(tx: DbOrTransaction, token: string): Promise<Booking> {
  const booking = await findBookingByToken(tx, token);
  if (!booking) throw new NotFoundError("booking");
  return booking;
}

function assertCitizenMayChange(booking: Booking, settings: Settings, now: Date): void {
  const rules = citizenChangeRules(booking, settings, now);
  if (rules.reason === "not_active") throw new AppError("booking_not_active", "booking is not active");
  if (rules.reason === "cutoff_passed") throw new AppError("cutoff_passed", "too late to change online", { cutoffAt: rules.cutoffAt.toISOString() });
}

/** Active future bookings for the mailbox an address delivers to: `anna+1@…` and `anna+2@…` count together. */
export async function countActiveBookings(db: DbOrTransaction, email: string, now: Date): Promise<number> {
  const statement = preparedOnce(db, "count-active-bookings", (d) =>
    d
      .select({ n: count() })
      .from(bookings)
      .where(
        and(
          eq(bookings.mailbox, sql.placeholder("mailbox")),
          // A booking held until its confirmation is the citizen's own: it counts, or holds would evade the limit.
          or(eq(bookings.status, "booked"), and(eq(bookings.status, "held"), eq(bookings.holdPurpose, "confirmation"))),
          gt(bookings.startsAt, sql.placeholder("now")),
        ),
      )
      .prepare(),
  );
  return (await statement.execute({ mailbox: mailboxOf(email), now: instantParam(now) }))[0]?.n ?? 0;
}

/**
 * The booking's concerns, each with a snapshot of its duration and fee: later catalogue changes leave it untouched.
 * Returns the rows as written, in order. One prepared single-row insert per item (db/prepared.ts): a booking has one
 * to a few items, and a multi-row insert would be rendered anew for each count.
 */
async function insertBookingItems(
  tx: DbTransaction,
  bookingId: number,
  items: readonly RequestedItem[],
  catalogueEntries: ReadonlyMap<number, { durationMinutes: number; feeCents: number | null }>,
): Promise<BookedItem[]> {
  const insert = preparedOnce(tx, "insert-booking-item", (d) =>
    d
      .insert(bookingItems)
      .values({
        bookingId: sql.placeholder("bookingId"),
        concernId: sql.placeholder("concernId"),
        quantity: sql.placeholder("quantity"),
        durationMinutes: sql.placeholder("durationMinutes"),
        feeCents: sql.placeholder("feeCents"),
      })
      .prepare(),
  );
  const rows: BookedItem[] = [];
  for (const item of items) {
    const { durationMinutes, feeCents } = catalogueEntries.get(item.concernId)!;
    const row = { bookingId, concernId: item.concernId, quantity: item.quantity, durationMinutes, feeCents };
    await insert.execute(row);
    rows.push(row);
  }
  return rows;
}

/**
 * A reference code no booking has. On PostgreSQL the unique constraint decides: a code drawn twice (one in about
 * 10^11) fails the insert and the transaction runs again with a new one (db/postgres.ts), so the check would only
 * cost every booking a round trip while it holds its location's lock. SQLite's transactions are not retried, and
 * there the check is a call into the same process.
 */
async function uniqueReferenceCode(tx: DbOrTransaction): Promise<string> {
  if (isPostgres) return generateReferenceCode();
  const taken = preparedOnce(tx, "booking-by-reference", (d) =>
    d.select({ id: bookings.id }).from(bookings).where(eq(bookings.referenceCode, sql.placeholder("code"))).prepare(),
  );
  for (;;) {
    const code = generateReferenceCode();
    if ((await taken.execute({ code })).length === 0) return code;
  }
}

// The statements every booking runs, prepared once per connection (db/prepared.ts).

function bookingByTokenHash(db: DbOrTransaction) {
  return preparedOnce(db, "booking-by-token-hash", (d) => d.select().from(bookings).where(eq(bookings.manageTokenHash, sql.placeholder("hash"))).prepare());
}

const BOOKING_COLUMNS_SET_ON_CREATE = [
  "referenceCode",
  "manageTokenHash",
  "linkNonce",
  "status",
  "holdPurpose",
  "channel",
  "locationId",
  "startsAt",
  "endsAt",
  "citizenName",
  "email",
  "mailbox",
  "phone",
  "note",
  "language",
  "createdByUserId",
  "createdAt",
  "updatedAt",
] as const;

/** Revision 0 comes from the column default; status is "booked", or "held" while a double opt-in waits. */
function insertBooking(db: DbOrTransaction) {
  return preparedOnce(db, "insert-booking", (d) =>
    d
      .insert(bookings)
      .values(Object.fromEntries(BOOKING_COLUMNS_SET_ON_CREATE.map((column) => [column, sql.placeholder(column)])) as unknown as typeof bookings.$inferInsert)
      // A taken manage token is a repeated submission (placeBooking): no row, no error.
      .onConflictDoNothing({ target: bookings.manageTokenHash })
      .returning()
      .prepare(),
  );
}

type SlotCheck = {
  location: Location;
  rules: BookingRules;
  now: Date;
  audience: AvailabilityAudience;
  concernIds: number[];
  durationMinutes: number;
  startsAt: Date;
  excludeBookingId?: number;
};

/**
 * Re-runs the engine on the current state for exactly this start. It reads only the bookings overlapping the
 * appointment, not the whole day: on a busy day that is a few dozen rows instead of thousands, read while every other
 * booking waits for the lock (findBookableSlot evaluates just this span). If the time is gone, throws SlotTakenError
 * without the nearest free times: looking for them reads more days, which must not hold the lock either
 * (withNearestFreeTimes adds them after the transaction).
 */
async function recheckSlot(tx: DbOrTransaction, check: SlotCheck) {
  const { location, rules, now, audience, concernIds, durationMinutes, startsAt } = check;
  const endsAt = new Date(startsAt.getTime() + durationMinutes * 60_000);
  const schedule = await loadLocationSchedule(tx, location, startsAt, endsAt, { excludeBookingId: check.excludeBookingId });
  const slot = findBookableSlot({ now, schedule, rules, audience, concernIds, durationMinutes }, startsAt);
  if (slot) return slot;
  throw new SlotTakenError([], check);
}

/**
 * Runs a write transaction that may find its time taken and, once it has ended (rolled back, its lock released), adds
 * the nearest free times to the SlotTakenError from a plain read: what a citizen or an API client is offered instead.
 */
async function withNearestFreeTimes<T>(db: DbOrTransaction, transaction: () => Promise<T>): Promise<T> {
  try {
    return await transaction();
  } catch (error) {
    if (!(error instanceof SlotTakenError) || !error.check) throw error;
    throw new SlotTakenError((await nearestFreeTimes(db, error.check)).map((slot) => slot.startsAt));
  }
}

/**
 * The free times nearest to a taken one, from three days before to seven after. The days are read one at a time,
 * the wished-for day first and then outwards, and the search stops as soon as the days read settle which times are
 * nearest (nearestSlotsSettled): a taken time usually has free ones around it on its own day, so in a burst at slot
 * release, where many requests find their time taken, each reads one day instead of eleven.
 */
async function nearestFreeTimes(db: DbOrTransaction, check: SlotCheck): Promise<Slot[]> {
  const { location, rules, now, audience, concernIds, durationMinutes, startsAt, excludeBookingId } = check;
  const wishedDate = instantToZoned(startsAt, location.timeZone).date;
  const [earliest, latest] = [addDays(wishedDate, -3), addDays(wishedDate, 7)];
  const days: AvailabilityDay[] = [];
  const read = async (date: LocalDate) => {
    const schedule = await loadLocationSchedule(db, location, zonedToInstant(date, 0, location.timeZone), zonedToInstant(addDays(date, 1), 0, location.timeZone), { excludeBookingId });
    days.push(...computeDays({ now, schedule, rules, audience, concernIds, durationMinutes, from: date, to: date }));
  };
  let [from, to] = [wishedDate, wishedDate];
  await read(wishedDate);
  for (;;) {
    const nearest = nearestSlots(days, startsAt, ALTERNATIVES_SHOWN);
    const [fromMs, toMs] = [zonedToInstant(from, 0, location.timeZone).getTime(), zonedToInstant(addDays(to, 1), 0, location.timeZone).getTime()];
    if (nearestSlotsSettled(nearest, ALTERNATIVES_SHOWN, startsAt, fromMs, toMs) || (from === earliest && to === latest)) return nearest;
    if (from > earliest) await read((from = addDays(from, -1)));
    if (to < latest) await read((to = addDays(to, 1)));
  }
}

/** What the audit log keeps of a booking: no names, e-mails or phone numbers. */
function auditView(booking: Booking) {
  return {
    referenceCode: booking.referenceCode,
    status: booking.status,
    channel: booking.channel,
    locationId: booking.locationId,
    startsAt: booking.startsAt.toISOString(),
    endsAt: booking.endsAt.toISOString(),
  };
}
