/**
 * Arrival in the hall: checking in an appointment and drawing a walk-in ticket, at the kiosk (public, on a device an
 * administrator set up, lib/services/queue/kiosk-device.ts) or by a clerk. Each arrival is one transaction under
 * SQLite's write lock: the ticket number, the day's walk-in contingent and the booking's status cannot race.
 */
import { and, count, eq } from "drizzle-orm";
import type { DbOrTransaction, DbTransaction } from "@/db/client";
import { findLocation, findLocationBySlug } from "@/db/queries/locations";
import { bookings, concernLocations, concerns, queueEntries, type Booking, type Location, type QueueEntry } from "@/db/schema";
import type { Language } from "@/lib/domain/enums";
import { checkInVerdict, ticketLabel } from "@/lib/domain/queue";
import { generateManageToken, hashManageToken, normalizeReferenceCode } from "@/lib/booking-tokens";
import { recordAudit, type Actor } from "../audit";
import type { ServiceContext } from "../context";
import { nextTicketNumber, openDoorNow, serviceDate } from "./hall";
import { inWriteTransaction } from "@/db/transaction";

export const KIOSK_ACTOR: Actor = { userId: null, label: "kiosk" };

export type Ticket = { entry: QueueEntry; label: string; statusToken: string };

export type CheckInOutcome =
  | { ok: true; ticket: Ticket }
  | { ok: false; reason: "unknown" | "other_location" | "other_day" | "early" | "over" | "not_active"; location?: string; startsAt?: Date }
  | { ok: false; reason: "already"; label: string };

/** Reads what a person typed or a scanner sent: the booking number, alone or inside the QR code's text. */
export function referenceCodeFromInput(input: string): string | null {
  const direct = normalizeReferenceCode(input.trim());
  if (direct) return direct;
  const embedded = /([A-Za-z0-9]{4})[-\s]?([A-Za-z0-9]{4})\s*$/.exec(input.trim());
  return embedded ? normalizeReferenceCode(`${embedded[1]}-${embedded[2]}`) : null;
}

/** Writes a queue entry for a booking that has arrived; shared by the kiosk and the clerk's "checked in". */
export async function enqueueBooking(tx: DbTransaction, booking: Booking, location: Location, now: Date): Promise<Ticket> {
  const statusToken = generateManageToken();
  const date = serviceDate(location, now);
  const entry = (await tx
    .insert(queueEntries)
    .values({
      locationId: location.id,
      serviceDate: date,
      number: await nextTicketNumber(tx, location.id, date),
      kind: "appointment",
      bookingId: booking.id,
      statusTokenHash: hashManageToken(statusToken),
      language: booking.language,
      arrivedAt: now,
      updatedAt: now,
    })
    .returning())[0]!;
  return { entry, label: ticketLabel(entry.kind, entry.number), statusToken };
}

export async function checkInByCode(context: ServiceContext, location: Location, input: string): Promise<CheckInOutcome> {
  const code = referenceCodeFromInput(input);
  if (!code) return { ok: false, reason: "unknown" };
  const now = context.now();
  return inWriteTransaction(context.db, async (tx) => {
    const booking = (await tx.select().from(bookings).where(eq(bookings.referenceCode, code)))[0];
    if (!booking || booking.anonymizedAt) return { ok: false, reason: "unknown" } as const;
    if (booking.locationId !== location.id) {
      return { ok: false, reason: "other_location", location: (await findLocation(tx, booking.locationId))?.name } as const;
    }
    const existing = (await tx.select().from(queueEntries).where(eq(queueEntries.bookingId, booking.id)))[0];
    if (existing) return { ok: false, reason: "already", label: ticketLabel(existing.kind, existing.number) } as const;
    if (booking.status !== "booked") return { ok: false, reason: "not_active" } as const;
    if (serviceDate(location, booking.startsAt) !== serviceDate(location, now)) return { ok: false, reason: "other_day", startsAt: booking.startsAt } as const;
    const verdict = checkInVerdict(now, booking.startsAt, booking.endsAt);
    if (verdict !== "open") return { ok: false, reason: verdict, startsAt: booking.startsAt } as const;
    await tx.update(bookings).set({ status: "checked_in", checkedInAt: now, updatedAt: now }).where(eq(bookings.id, booking.id));
    const ticket = await enqueueBooking(tx, booking, location, now);
    await recordAudit(tx, KIOSK_ACTOR, {
        action: "queue.check_in",
        entityType: "queue_entry",
        entityId: ticket.entry.id,
        after: { referenceCode: booking.referenceCode, ticket: ticket.label },
      });
    return { ok: true, ticket } as const;
  });
}

export type TicketOutcome = { ok: true; ticket: Ticket } | { ok: false; reason: "closed" | "exhausted" | "unknown_concern" };

/** Concerns a walk-in can draw a ticket for at this location: the active ones it offers. */
export async function walkInConcerns(db: DbOrTransaction, location: Location, language: Language): Promise<{ id: number; name: string }[]> {
  return (await db
    .select({ id: concerns.id, nameDe: concerns.nameDe, nameEn: concerns.nameEn, position: concerns.position })
    .from(concerns)
    .innerJoin(concernLocations, and(eq(concernLocations.concernId, concerns.id), eq(concernLocations.locationId, location.id)))
    .where(eq(concerns.active, true))
    .orderBy(concerns.position))
    .map((c) => ({ id: c.id, name: language === "de" ? c.nameDe : c.nameEn }));
}

export type WalkInState = { open: boolean; left: number; perDay: number };

export async function walkInState(context: ServiceContext, location: Location): Promise<WalkInState> {
  const now = context.now();
  const issued = await walkInsIssued(context.db, location.id, serviceDate(location, now));
  const door = await openDoorNow(context.db, location, now);
  return { open: door.open && location.walkInTicketsPerDay > 0, left: Math.max(0, location.walkInTicketsPerDay - issued), perDay: location.walkInTicketsPerDay };
}

async function walkInsIssued(db: DbOrTransaction, locationId: number, date: string): Promise<number> {
  return (
    (await db
      .select({ n: count() })
      .from(queueEntries)
      .where(and(eq(queueEntries.locationId, locationId), eq(queueEntries.serviceDate, date), eq(queueEntries.kind, "walk_in"))))[0]?.n ?? 0
  );
}

export async function drawTicket(context: ServiceContext, locationSlug: string, concernId: number, language: Language): Promise<TicketOutcome> {
  const now = context.now();
  return inWriteTransaction(context.db, async (tx) => {
    // Read inside the transaction: the contingent an admin just lowered applies to this ticket.
    const location = await findLocationBySlug(tx, locationSlug);
    if (!location || !location.active) return { ok: false, reason: "closed" } as const;
    const offered = (await walkInConcerns(tx, location, language)).some((c) => c.id === concernId);
    if (!offered) return { ok: false, reason: "unknown_concern" } as const;
    if (location.walkInTicketsPerDay === 0 || !(await openDoorNow(tx, location, now)).open) return { ok: false, reason: "closed" } as const;
    const date = serviceDate(location, now);
    if (await walkInsIssued(tx, location.id, date) >= location.walkInTicketsPerDay) return { ok: false, reason: "exhausted" } as const;
    const statusToken = generateManageToken();
    const entry = (await tx
      .insert(queueEntries)
      .values({
        locationId: location.id,
        serviceDate: date,
        number: await nextTicketNumber(tx, location.id, date),
        kind: "walk_in",
        concernId,
        statusTokenHash: hashManageToken(statusToken),
        language,
        arrivedAt: now,
        updatedAt: now,
      })
      .returning())[0]!;
    const ticket = { entry, label: ticketLabel(entry.kind, entry.number), statusToken };
    await recordAudit(tx, KIOSK_ACTOR, { action: "queue.ticket", entityType: "queue_entry", entityId: entry.id, after: { ticket: ticket.label, concernId } });
    return { ok: true, ticket } as const;
  });
}
