/**
 * The clerk's side of the queue: call next, call a given person, recall, start, finish, mark absent, park, resume,
 * transfer and undo. Every step is one `BEGIN IMMEDIATE` transaction: the write lock is taken before the queue is
 * read, so two clerks (in one process or several on the same database) pressing "call next" at the same moment are
 * served one after the other and never get the same person. Each step is written to the audit log.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { DbTransaction } from "@/db/client";
import { findLocation } from "@/db/queries/locations";
import { bookings, queueEntries, type Booking, type Location, type QueueEntry } from "@/db/schema";
import type { BookingStatus, QueueStatus } from "@/lib/domain/enums";
import { pickNext, stepTarget, ticketLabel, type QueueStep } from "@/lib/domain/queue";
import { AppError, NotFoundError } from "@/lib/errors";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";
import { recordAudit } from "../audit";
import { syncNoShowMark } from "../no-shows";
import { enqueueBooking } from "./arrival";
import { loadDayEntries, serviceDate, servedConcerns, toCandidate } from "./hall";
import { inWriteTransaction } from "@/db/transaction";

export type CalledEntry = { entry: QueueEntry; label: string };

/** What the booking becomes when its queue entry reaches a status (null: unchanged). */
const BOOKING_STATUS_FOR: Partial<Record<QueueStatus, BookingStatus>> = {
  done: "done",
  absent: "no_show",
  waiting: "checked_in",
  called: "checked_in",
  serving: "checked_in",
  parked: "checked_in",
};

async function syncBooking(tx: DbTransaction, secret: string, entry: QueueEntry, status: QueueStatus, now: Date): Promise<void> {
  if (entry.bookingId === null) return;
  const next = BOOKING_STATUS_FOR[status];
  if (!next) return;
  await tx.update(bookings)
    .set({ status: next, updatedAt: now, finishedAt: next === "done" ? now : null, counter: entry.counter })
    .where(and(eq(bookings.id, entry.bookingId), inArray(bookings.status, ["checked_in", "done", "no_show"])));
  // Absent when called counts as a missed appointment; undoing it takes the mark back.
  await syncNoShowMark(tx, secret, entry.bookingId);
}

async function requireLocation(tx: DbTransaction, locationId: number): Promise<Location> {
  const location = await findLocation(tx, locationId);
  if (!location) throw new NotFoundError("location");
  return location;
}

/** The person this counter is dealing with (called or being served), if any. */
async function currentAtCounter(tx: DbTransaction, locationId: number, date: string, counter: number): Promise<QueueEntry | undefined> {
  return (await tx
    .select()
    .from(queueEntries)
    .where(
      and(eq(queueEntries.locationId, locationId), eq(queueEntries.serviceDate, date), eq(queueEntries.counter, counter), inArray(queueEntries.status, ["called", "serving"])),
    ))[0];
}

/**
 * Calls the next person for `counter` by the location's rules, or returns null when nobody waits that this counter
 * serves. Refuses while the counter still has someone called or in service: finish, park or mark them absent first.
 */
export async function callNext(access: StaffAccess, locationId: number, counter: number): Promise<CalledEntry | null> {
  const context = authorize(access, "staff");
  const now = context.now();
  return inWriteTransaction(context.db, async (tx) => {
    const location = await requireLocation(tx, locationId);
    const date = serviceDate(location, now);
    const busy = await currentAtCounter(tx, location.id, date, counter);
    if (busy) throw new AppError("conflict", "counter busy", { reason: "counter_busy", label: ticketLabel(busy.kind, busy.number) });
    const entries = await loadDayEntries(tx, location.id, date, { openOnly: true });
    const next = pickNext(entries.map(toCandidate), counter, (await servedConcerns(tx, location.id)).get(counter), now, {
      appointmentPriorityMinutes: location.appointmentPriorityMinutes,
    });
    if (!next) return null;
    const entry = entries.find((e) => e.id === next.id)!;
    return applyInTransaction(tx, access, entry, "call", { counter, now });
  });
}

export type StepOptions = { counter: number; targetCounter?: number };

/** One step for one entry, e.g. call this person, recall, finish, transfer to counter 4. */
export async function applyQueueStep(access: StaffAccess, entryId: number, step: QueueStep, options: StepOptions): Promise<CalledEntry> {
  const context = authorize(access, "staff");
  const now = context.now();
  return inWriteTransaction(context.db, async (tx) => {
    const entry = (await tx.select().from(queueEntries).where(eq(queueEntries.id, entryId)))[0];
    if (!entry) throw new NotFoundError("queue entry");
    if (step === "call") {
      const busy = await currentAtCounter(tx, entry.locationId, entry.serviceDate, options.counter);
      if (busy && busy.id !== entry.id) throw new AppError("conflict", "counter busy", { reason: "counter_busy", label: ticketLabel(busy.kind, busy.number) });
    }
    return applyInTransaction(tx, access, entry, step, { ...options, now });
  });
}

async function applyInTransaction(tx: DbTransaction, access: StaffAccess, entry: QueueEntry, step: QueueStep, options: StepOptions & { now: Date }): Promise<CalledEntry> {
  const { now } = options;
  const to = stepTarget(entry.status, step);
  if (!to) throw new AppError("conflict", `cannot ${step} from ${entry.status}`, { reason: "step_not_allowed", from: entry.status, step });
  if (step === "transfer" && (!options.targetCounter || options.targetCounter === entry.counter)) {
    throw new AppError("validation", "transfer needs another counter", { fieldErrors: { targetCounter: ["required"] } });
  }
  const changes: Partial<QueueEntry> = { status: to, updatedAt: now };
  switch (step) {
    case "call":
      Object.assign(changes, { counter: options.counter, calledAt: entry.calledAt ?? now, lastCalledAt: now, callCount: entry.callCount + 1, calledByUserId: access.actor.userId });
      break;
    case "recall":
      Object.assign(changes, { lastCalledAt: now, callCount: entry.callCount + 1 });
      break;
    case "start":
      changes.serviceStartedAt = now;
      break;
    case "finish":
    case "absent":
      changes.finishedAt = now;
      break;
    case "resume":
      changes.counter = null;
      break;
    case "transfer":
      changes.counter = options.targetCounter!;
      break;
    case "undo":
      if (entry.status === "called") Object.assign(changes, { counter: null, lastCalledAt: null, callCount: Math.max(0, entry.callCount - 1), calledAt: entry.callCount <= 1 ? null : entry.calledAt });
      if (entry.status === "serving") changes.serviceStartedAt = null;
      if (entry.status === "done" || entry.status === "absent") changes.finishedAt = null;
      if (entry.status === "parked") changes.counter = null;
      break;
  }
  const updated = (await tx
    .update(queueEntries)
    .set(changes)
    .where(and(eq(queueEntries.id, entry.id), eq(queueEntries.status, entry.status)))
    .returning())[0]!;
  if (!updated) throw new AppError("conflict", "queue entry changed meanwhile", { reason: "changed" });
  await syncBooking(tx, access.secret, updated, to, now);
  const label = ticketLabel(updated.kind, updated.number);
  await recordAudit(tx, access.actor, {
      action: `queue.${step}`,
      entityType: "queue_entry",
      entityId: updated.id,
      before: { ticket: label, status: entry.status, counter: entry.counter },
      after: { ticket: label, status: updated.status, counter: updated.counter },
    });
  return { entry: updated, label };
}

/**
 * Keeps the queue in step when a clerk changes a booking's status directly (the booking page's buttons): checking in
 * puts the citizen in the queue, undoing it takes them out again, and finishing or reopening carries over.
 */
export async function syncQueueWithBookingStatus(tx: DbTransaction, booking: Booking, from: BookingStatus, to: BookingStatus, now: Date): Promise<void> {
  const entry = (await tx.select().from(queueEntries).where(eq(queueEntries.bookingId, booking.id)))[0];
  if (to === "checked_in" && from === "booked") {
    if (!entry) await enqueueBooking(tx, booking, await requireLocation(tx, booking.locationId), now);
    return;
  }
  if (!entry) return;
  if (from === "checked_in" && to === "booked") {
    if (entry.status !== "waiting") throw new AppError("conflict", "already called", { reason: "already_called" });
    await tx.delete(queueEntries).where(eq(queueEntries.id, entry.id));
    return;
  }
  if (to === "done") await tx.update(queueEntries).set({ status: "done", finishedAt: now, updatedAt: now }).where(eq(queueEntries.id, entry.id));
  if (from === "done" && to === "checked_in") await tx.update(queueEntries).set({ status: "serving", finishedAt: null, updatedAt: now }).where(eq(queueEntries.id, entry.id));
}
