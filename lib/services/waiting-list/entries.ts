/**
 * Joining and leaving the waiting list. An entry is confirmed by a link in an e-mail (double opt-in) before it can get
 * offers; its token is only stored as a hash, like a manage token. Each write is one BEGIN IMMEDIATE transaction with
 * its e-mail in the outbox.
 */
import { and, count, eq, inArray, lte } from "drizzle-orm";
import type { DbOrTransaction, DbTransaction } from "@/db/client";
import { loadCatalogue, toEngineCatalogue } from "@/db/queries/catalogue";
import { findLocation } from "@/db/queries/locations";
import { getSettings } from "@/db/queries/settings";
import { bookings, waitingListEntries, waitingListItems, waitingListLocations, type Location, type WaitingListEntry } from "@/db/schema";
import { bookableDateRange } from "@/lib/domain/availability";
import { findRequestProblem, type RequestedItem } from "@/lib/domain/booking-request";
import type { Language } from "@/lib/domain/enums";
import { mailboxOf } from "@/lib/domain/mailbox";
import { addDays, zonedToInstant, type LocalDate } from "@/lib/domain/zoned-time";
import { enqueueEmail } from "@/lib/email/outbox";
import { renderWaitingListConfirmEmail } from "@/lib/email/waiting-list-templates";
import { formatLocalDate } from "@/lib/i18n/format";
import { AppError, NotFoundError, ValidationError } from "@/lib/errors";
import { rulesFrom } from "../bookings";
import type { ServiceContext } from "../context";
import { generateManageToken, hashManageToken } from "@/lib/booking-tokens";
import { offerFreedTimes } from "./offers";
import { inWriteTransaction } from "@/db/transaction";

/** An unconfirmed sign-up is deleted after this long: whoever gave the address did not confirm it. */
export const CONFIRMATION_WINDOW_MS = 24 * 60 * 60_000;

export type WaitingListSignUp = {
  name: string;
  email: string;
  language: Language;
  items: RequestedItem[];
  locationIds: number[];
  fromDate: LocalDate;
  toDate: LocalDate;
};

/** Canonical text of a concern set with quantities: the same request gives the same key whatever its order. */
export function concernKeyOf(items: readonly RequestedItem[]): string {
  return [...items]
    .sort((a, b) => a.concernId - b.concernId)
    .map((item) => `${item.concernId}:${item.quantity}`)
    .join(",");
}

export function waitingListUrl(context: Pick<ServiceContext, "publicUrl">, page: "bestaetigen" | "verlassen", token: string): string {
  return `${context.publicUrl}/termin/warteliste/${page}/${token}`;
}

/**
 * Puts a citizen on the waiting list, unconfirmed, and queues the confirmation mail. One entry per mailbox and concern
 * set: a second sign-up for the same set replaces an unconfirmed one (new link, new dates) and leaves a confirmed one
 * untouched, and the answer is the same either way, so the form does not reveal who is on the list.
 */
export async function signUpForWaitingList(context: ServiceContext, input: WaitingListSignUp): Promise<{ token: string | null }> {
  const now = context.now();
  const email = input.email.trim().toLowerCase();
  const mailbox = mailboxOf(email);
  const concernKey = concernKeyOf(input.items);
  return inWriteTransaction(context.db, async (tx) => {
    const settings = await getSettings(tx);
    // One after another: inside the transaction there is one connection to send them on.
    const locations: Location[] = [];
    for (const id of input.locationIds) {
      const location = await findLocation(tx, id);
      if (location?.active) locations.push(location);
    }
    if (locations.length === 0 || locations.length !== new Set(input.locationIds).size) {
      throw new ValidationError("unknown location", { locationIds: ["locations"] });
    }
    const catalogue = toEngineCatalogue(await loadCatalogue(tx));
    for (const location of locations) {
      const problem = findRequestProblem(input.items, catalogue, location.id);
      if (problem) throw new AppError("request_invalid", "request not bookable", { problem, locationId: location.id });
    }
    const first = locations[0]!;
    const bookable = bookableDateRange(now, first.timeZone, rulesFrom(settings));
    if (input.fromDate < bookable.from) throw new ValidationError("range starts in the past", { fromDate: ["from"] });
    if (input.toDate < input.fromDate || input.toDate > bookable.to) throw new ValidationError("range too long", { toDate: ["to"] });

    const existing = (await tx
      .select()
      .from(waitingListEntries)
      .where(and(eq(waitingListEntries.mailbox, mailbox), eq(waitingListEntries.concernKey, concernKey))))[0];
    if (existing && existing.status !== "unconfirmed") return { token: null };
    if (existing) await deleteEntries(tx, [existing.id]);
    else {
      const open = (await tx.select({ n: count() }).from(waitingListEntries).where(eq(waitingListEntries.mailbox, mailbox)))[0]?.n ?? 0;
      if (open >= settings.maxActiveBookingsPerEmail) {
        throw new AppError("conflict", "waiting-list limit reached", { reason: "waiting_list_limit", max: settings.maxActiveBookingsPerEmail });
      }
    }

    const token = generateManageToken();
    const entry = (await tx
      .insert(waitingListEntries)
      .values({
        status: "unconfirmed",
        citizenName: input.name.trim(),
        email,
        mailbox,
        language: input.language,
        concernKey,
        fromDate: input.fromDate,
        toDate: input.toDate,
        expiresAt: zonedToInstant(addDays(input.toDate, 1), 0, first.timeZone),
        tokenHash: hashManageToken(token),
        createdAt: now,
        updatedAt: now,
      })
      .returning())[0]!;
    await tx.insert(waitingListItems)
      .values(input.items.map((item) => ({ entryId: entry.id, concernId: item.concernId, quantity: item.quantity })));
    await tx.insert(waitingListLocations)
      .values(locations.map((location) => ({ entryId: entry.id, locationId: location.id })));

    const names = new Map((await loadCatalogue(tx, { includeInactive: true })).map((c) => [c.id, input.language === "de" ? c.nameDe : c.nameEn]));
    const mail = renderWaitingListConfirmEmail({
      language: input.language,
      officeName: settings.officeName,
      officePhone: first.phone || settings.contactPhone,
      citizenName: entry.citizenName,
      timeZone: first.timeZone,
      concerns: input.items.map((item) => ({ name: names.get(item.concernId) ?? "", quantity: item.quantity })),
      locations: locations.map((l) => l.name),
      fromDate: formatLocalDate(input.fromDate, input.language),
      toDate: formatLocalDate(input.toDate, input.language),
      confirmDeadline: new Date(now.getTime() + CONFIRMATION_WINDOW_MS),
      confirmUrl: waitingListUrl(context, "bestaetigen", token),
      leaveUrl: waitingListUrl(context, "verlassen", token),
    });
    await enqueueEmail(tx, { kind: "waiting_list_confirm", bookingId: null, recipient: email, email: mail, attachments: [] }, { now, canSend: context.canSendMail });
    return { token };
  });
}

/** The entry a confirm or leave link points to, or null. Only the token's hash is compared. */
export async function findEntryByToken(db: DbOrTransaction, token: string): Promise<WaitingListEntry | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  return (await db.select().from(waitingListEntries).where(eq(waitingListEntries.tokenHash, hashManageToken(token))))[0] ?? null;
}

/**
 * The citizen confirms the e-mail (POST from the confirmation page): the entry joins the list, its place being the
 * moment of confirmation. Confirming again changes nothing. Returns the entry, or throws NotFound for an unknown,
 * expired or deleted entry.
 */
export async function confirmWaitingListEntry(context: ServiceContext, token: string): Promise<WaitingListEntry> {
  const now = context.now();
  const entry = await inWriteTransaction(context.db, async (tx) => {
    const found = await findEntryByToken(tx, token);
    if (!found || isUnconfirmedTooLong(found, now)) throw new NotFoundError("waiting list entry");
    if (found.status !== "unconfirmed") return found;
    return (await tx
      .update(waitingListEntries)
      .set({ status: "active", confirmedAt: now, updatedAt: now })
      .where(eq(waitingListEntries.id, found.id))
      .returning())[0]!;
  });
  // A time may be free already (freed since the sign-up): the new entry takes its place in the queue at once.
  const locationIds = (await context.db
    .select({ id: waitingListLocations.locationId })
    .from(waitingListLocations)
    .where(eq(waitingListLocations.entryId, entry.id)))
    .map((row) => row.id);
  await offerFreedTimes(context, locationIds);
  return await findEntryByToken(context.db, token) ?? entry;
}

/**
 * The citizen leaves the list (POST from the leave page): the entry and its personal data are deleted; an offer it
 * holds is released and goes to the next entry.
 */
export async function leaveWaitingList(context: ServiceContext, token: string): Promise<void> {
  const now = context.now();
  const { releasedLocationIds } = await inWriteTransaction(context.db, async (tx) => {
    const entry = await findEntryByToken(tx, token);
    if (!entry) return { releasedLocationIds: [] };
    const released = await releaseHoldsOfEntries(tx, [entry.id], now);
    await deleteEntries(tx, [entry.id]);
    return { releasedLocationIds: released };
  });
  await offerFreedTimes(context, releasedLocationIds);
}

export function isUnconfirmedTooLong(entry: WaitingListEntry, now: Date): boolean {
  return entry.status === "unconfirmed" && entry.createdAt.getTime() + CONFIRMATION_WINDOW_MS <= now.getTime();
}

/** Releases the open holds of these entries; returns the locations whose times became free. */
export async function releaseHoldsOfEntries(tx: DbTransaction, entryIds: number[], now: Date): Promise<number[]> {
  if (entryIds.length === 0) return [];
  const released = await tx
    .update(bookings)
    .set({ status: "released", heldUntil: null, cancelledAt: now, updatedAt: now })
    .where(and(inArray(bookings.waitingListEntryId, entryIds), eq(bookings.status, "held")))
    .returning({ locationId: bookings.locationId });
  return released.map((row) => row.locationId);
}

/**
 * Deletes entries with their items and locations. The offers made to them stay as bookings (released or booked)
 * without the link back: the column's foreign key cannot say "set null" (added by ALTER TABLE), so it is cleared here.
 */
export async function deleteEntries(tx: DbTransaction, entryIds: number[]): Promise<void> {
  if (entryIds.length === 0) return;
  await tx.update(bookings).set({ waitingListEntryId: null }).where(inArray(bookings.waitingListEntryId, entryIds));
  await tx.delete(waitingListEntries).where(inArray(waitingListEntries.id, entryIds));
}

/** Unconfirmed sign-ups older than the confirmation window. */
export async function deleteUnconfirmedEntries(tx: DbTransaction, now: Date): Promise<number> {
  const stale = (await tx
    .select({ id: waitingListEntries.id })
    .from(waitingListEntries)
    .where(and(eq(waitingListEntries.status, "unconfirmed"), lte(waitingListEntries.createdAt, new Date(now.getTime() - CONFIRMATION_WINDOW_MS)))))
    .map((row) => row.id);
  await deleteEntries(tx, stale);
  return stale.length;
}
