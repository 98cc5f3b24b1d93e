/**
 * What the queue looks like to each audience. The call display and the ticket page are public and built from queue
 * entries alone: ticket labels, counters and times, never a name. The clerk's view is staff data and goes through
 * `authorize`.
 */
import { and, desc, eq, inArray, isNotNull } from "drizzle-orm";
import type { DbOrTransaction } from "@/db/client";
import { loadCatalogue, loadDocumentAlternatives } from "@/db/queries/catalogue";
import { findLocation } from "@/db/queries/locations";
import { bookings, queueEntries, type Location } from "@/db/schema";
import { revisionStamp } from "@/db/revisions";
import type { Language, QueueEntryKind, QueueStatus } from "@/lib/domain/enums";
import { availableSteps, callOrder, expectedWaitMinutes, ticketLabel, type QueueStep } from "@/lib/domain/queue";
import type { LocalDate } from "@/lib/domain/zoned-time";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";
import { checklistFor, type BookingDetails } from "../booking-details";
import type { ServiceContext } from "../context";
import { hashManageToken } from "@/lib/booking-tokens";
import { loadDayEntries, openDoorNow, serviceDate, servedConcerns, toCandidate, type EntryWithConcerns } from "./hall";

/** Changes whenever the location's queue or bookings change, in any process: the live pages wait on it. */
export async function queueStamp(db: DbOrTransaction, locationId: number): Promise<string> {
  return revisionStamp(db, [`queue:${locationId}`, `bookings:${locationId}`]);
}

export type DisplayCall = { id: number; label: string; counter: number; calledAt: Date; callCount: number; current: boolean };

/** The latest calls for the hall's screen: numbers and counters only. */
export async function recentCalls(context: ServiceContext, location: Location, limit = 8): Promise<DisplayCall[]> {
  const date = serviceDate(location, context.now());
  return (await context.db
    .select()
    .from(queueEntries)
    .where(and(eq(queueEntries.locationId, location.id), eq(queueEntries.serviceDate, date), isNotNull(queueEntries.lastCalledAt), isNotNull(queueEntries.counter)))
    .orderBy(desc(queueEntries.lastCalledAt), desc(queueEntries.id))
    .limit(limit))
    .map((e) => ({ id: e.id, label: ticketLabel(e.kind, e.number), counter: e.counter!, calledAt: e.lastCalledAt!, callCount: e.callCount, current: e.status === "called" }));
}

export type TicketStatus = {
  label: string;
  kind: QueueEntryKind;
  status: QueueStatus;
  counter: number | null;
  /** People before this one in the queue; null once called. */
  ahead: number | null;
  waitMinutes: number | null;
  location: Location;
  serviceDate: LocalDate;
  arrivedAt: Date;
  token: string;
};

/** The ticket's own page, found by the token in its link. */
export async function ticketStatus(context: ServiceContext, token: string): Promise<TicketStatus | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = (await context.db.select().from(queueEntries).where(eq(queueEntries.statusTokenHash, hashManageToken(token))))[0];
  if (!row) return null;
  const location = await findLocation(context.db, row.locationId);
  if (!location) return null;
  const now = context.now();
  let ahead: number | null = null;
  let waitMinutes: number | null = null;
  if (row.status === "waiting" && row.serviceDate === serviceDate(location, now)) {
    const entries = await loadDayEntries(context.db, location.id, row.serviceDate, { openOnly: true });
    // Position in the general order: a transfer to a counter does not change who is ahead in the hall.
    const order = callOrder(
      entries.map((e) => ({ ...toCandidate(e), counter: null })),
      0,
      undefined,
      now,
      { appointmentPriorityMinutes: location.appointmentPriorityMinutes },
    );
    const index = order.findIndex((c) => c.id === row.id);
    const before = index < 0 ? [] : order.slice(0, index);
    ahead = before.length;
    const minutesAhead = before.reduce((sum, c) => sum + (entries.find((e) => e.id === c.id)?.minutes ?? 0), 0);
    waitMinutes = expectedWaitMinutes(minutesAhead, (await openDoorNow(context.db, location, now)).countersServing);
  }
  return {
    label: ticketLabel(row.kind, row.number),
    kind: row.kind,
    status: row.status,
    counter: row.counter,
    ahead,
    waitMinutes,
    location,
    serviceDate: row.serviceDate,
    arrivedAt: row.arrivedAt,
    token,
  };
}

export type CounterQueueEntry = {
  id: number;
  label: string;
  kind: QueueEntryKind;
  status: QueueStatus;
  counter: number | null;
  arrivedAt: Date;
  appointmentAt: Date | null;
  bookingId: number | null;
  referenceCode: string | null;
  citizenName: string | null;
  concerns: string[];
  steps: QueueStep[];
  /** 1 for the person "call next" would pick for this counter now; null for those it would not pick. */
  callPosition: number | null;
};

export type CounterQueue = {
  date: LocalDate;
  entries: CounterQueueEntry[];
  current: (CounterQueueEntry & { checklist: BookingDetails["checklist"] }) | null;
  waiting: number;
};

/** The queue as the clerk at `counter` sees it: who waits (in the order they would be called), who is at a counter. */
export async function loadCounterQueue(access: StaffAccess, location: Location, counter: number, language: Language): Promise<CounterQueue> {
  const { db, now: clock } = authorize(access, "staff");
  const now = clock();
  const date = serviceDate(location, now);
  const entries = await loadDayEntries(db, location.id, date);
  const order = callOrder(entries.map(toCandidate), counter, (await servedConcerns(db, location.id)).get(counter), now, {
    appointmentPriorityMinutes: location.appointmentPriorityMinutes,
  });
  const catalogue = await loadCatalogue(db, { includeInactive: true });
  const bookingIds = entries.flatMap((e) => (e.bookingId === null ? [] : [e.bookingId]));
  const people =
    bookingIds.length === 0
      ? []
      : (await db.select({ id: bookings.id, name: bookings.citizenName, code: bookings.referenceCode }).from(bookings).where(inArray(bookings.id, bookingIds)));
  const name = (id: number) => {
    const concern = catalogue.find((c) => c.id === id);
    return concern ? (language === "de" ? concern.nameDe : concern.nameEn) : "—";
  };
  const view = (e: EntryWithConcerns): CounterQueueEntry => {
    const person = people.find((p) => p.id === e.bookingId);
    const position = order.findIndex((c) => c.id === e.id);
    return {
      id: e.id,
      label: ticketLabel(e.kind, e.number),
      kind: e.kind,
      status: e.status,
      counter: e.counter,
      arrivedAt: e.arrivedAt,
      appointmentAt: e.appointmentAt,
      bookingId: e.bookingId,
      referenceCode: person?.code ?? null,
      citizenName: person?.name || null,
      concerns: e.items.map((i) => (i.quantity > 1 ? `${i.quantity} × ${name(i.concernId)}` : name(i.concernId))),
      steps: availableSteps(e.status),
      callPosition: position < 0 ? null : position + 1,
    };
  };
  const views = entries.map(view);
  const statusRank: Record<QueueStatus, number> = { serving: 0, called: 1, waiting: 2, parked: 3, done: 4, absent: 5 };
  views.sort((a, b) => statusRank[a.status] - statusRank[b.status] || (a.callPosition ?? 999) - (b.callPosition ?? 999) || a.arrivedAt.getTime() - b.arrivedAt.getTime());
  const currentEntry = entries.find((e) => e.counter === counter && (e.status === "called" || e.status === "serving"));
  const current = currentEntry
    ? { ...view(currentEntry), checklist: checklistFor(catalogue, await loadDocumentAlternatives(db), currentEntry.items, language) }
    : null;
  return { date, entries: views, current, waiting: views.filter((v) => v.status === "waiting").length };
}
