/**
 * What every queue service needs: the location's service day, the next ticket number, the concerns of each entry and
 * the view of the queue the rules in lib/domain/queue.ts decide on. Internal to lib/services/queue; callers check
 * access before they get here.
 */
import { and, asc, eq, inArray, max } from "drizzle-orm";
import type { DbOrTransaction } from "@/db/client";
import { loadLocationSchedule } from "@/db/queries/locations";
import { bookingItems, bookings, concerns, counterConcerns, queueEntries, type Location, type QueueEntry } from "@/db/schema";
import { capacityTimeline } from "@/lib/domain/availability";
import { holidaysBetween, isFederalStateCode } from "@/lib/domain/holidays";
import { OPEN_QUEUE_STATUSES, type QueueCandidate } from "@/lib/domain/queue";
import { addDays, instantToZoned, zonedToInstant, type LocalDate } from "@/lib/domain/zoned-time";

export function serviceDate(location: Pick<Location, "timeZone">, now: Date): LocalDate {
  return instantToZoned(now, location.timeZone).date;
}

export function dayBounds(location: Pick<Location, "timeZone">, date: LocalDate): { from: Date; to: Date } {
  return { from: zonedToInstant(date, 0, location.timeZone), to: zonedToInstant(addDays(date, 1), 0, location.timeZone) };
}

/** Called inside the writing transaction, which holds SQLite's write lock: no other process can take the same number. */
export async function nextTicketNumber(tx: DbOrTransaction, locationId: number, date: LocalDate): Promise<number> {
  const row = (await tx
    .select({ highest: max(queueEntries.number) })
    .from(queueEntries)
    .where(and(eq(queueEntries.locationId, locationId), eq(queueEntries.serviceDate, date))))[0];
  return (row?.highest ?? 0) + 1;
}

export type EntryWithConcerns = QueueEntry & { items: { concernId: number; quantity: number }[]; concernIds: number[]; appointmentAt: Date | null; appointmentEndsAt: Date | null; minutes: number };

/** The day's entries with what the rules need: concerns, the appointment's time and the minutes each will take. */
export async function loadDayEntries(db: DbOrTransaction, locationId: number, date: LocalDate, options: { openOnly?: boolean } = {}): Promise<EntryWithConcerns[]> {
  const conditions = [eq(queueEntries.locationId, locationId), eq(queueEntries.serviceDate, date)];
  if (options.openOnly) conditions.push(inArray(queueEntries.status, [...OPEN_QUEUE_STATUSES]));
  const rows = await db
    .select()
    .from(queueEntries)
    .where(and(...conditions))
    .orderBy(asc(queueEntries.arrivedAt), asc(queueEntries.id));
  const bookingIds = rows.flatMap((r) => (r.bookingId === null ? [] : [r.bookingId]));
  const items =
    bookingIds.length === 0
      ? []
      : (await db
          .select({ bookingId: bookingItems.bookingId, concernId: bookingItems.concernId, minutes: bookingItems.durationMinutes, quantity: bookingItems.quantity })
          .from(bookingItems)
          .where(inArray(bookingItems.bookingId, bookingIds))
          .orderBy(asc(bookingItems.id)));
  const times =
    bookingIds.length === 0
      ? []
      : (await db.select({ id: bookings.id, startsAt: bookings.startsAt, endsAt: bookings.endsAt }).from(bookings).where(inArray(bookings.id, bookingIds)));
  const walkInConcernIds = rows.flatMap((r) => (r.concernId === null ? [] : [r.concernId]));
  const durations =
    walkInConcernIds.length === 0
      ? []
      : (await db.select({ id: concerns.id, minutes: concerns.durationMinutes }).from(concerns).where(inArray(concerns.id, walkInConcernIds)));
  return rows.map((row) => {
    if (row.bookingId !== null) {
      const own = items.filter((i) => i.bookingId === row.bookingId);
      const time = times.find((t) => t.id === row.bookingId);
      return {
        ...row,
        items: own.map((i) => ({ concernId: i.concernId, quantity: i.quantity })),
        concernIds: own.map((i) => i.concernId),
        appointmentAt: time?.startsAt ?? null,
        appointmentEndsAt: time?.endsAt ?? null,
        minutes: own.reduce((sum, i) => sum + i.minutes * i.quantity, 0),
      };
    }
    return {
      ...row,
      items: row.concernId === null ? [] : [{ concernId: row.concernId, quantity: 1 }],
      concernIds: row.concernId === null ? [] : [row.concernId],
      appointmentAt: null,
      appointmentEndsAt: null,
      minutes: durations.find((d) => d.id === row.concernId)?.minutes ?? 10,
    };
  });
}

export function toCandidate(entry: EntryWithConcerns): QueueCandidate {
  return {
    id: entry.id,
    kind: entry.kind,
    status: entry.status,
    arrivedAt: entry.arrivedAt,
    appointmentAt: entry.appointmentAt,
    counter: entry.status === "waiting" ? entry.counter : null,
    concernIds: entry.concernIds,
  };
}

/** Concerns per counter for a location; counters not listed serve everything. */
export async function servedConcerns(db: DbOrTransaction, locationId: number): Promise<Map<number, number[]>> {
  const rows = await db.select().from(counterConcerns).where(eq(counterConcerns.locationId, locationId));
  const map = new Map<number, number[]>();
  for (const row of rows) map.set(row.counter, [...(map.get(row.counter) ?? []), row.concernId]);
  return map;
}

export type OpenDoor = { open: boolean; countersServing: number };

/**
 * Whether the open door is open now (a walk-in block covers this moment and the location is not closed or on a
 * holiday), and how many counters serve right now (for the expected wait).
 */
export async function openDoorNow(db: DbOrTransaction, location: Location, now: Date): Promise<OpenDoor> {
  const date = serviceDate(location, now);
  const { from, to } = dayBounds(location, date);
  const holiday = isFederalStateCode(location.federalState) && holidaysBetween(date, date, location.federalState).has(date);
  const segment = capacityTimeline(await loadLocationSchedule(db, location, from, to), date).find(
    (s) => s.startsAt.getTime() <= now.getTime() && s.endsAt.getTime() > now.getTime(),
  );
  // Walk-in counters are part of a window's counters, held back from online booking: not counted twice.
  const countersServing = segment ? segment.onlineCounters + segment.staffCounters : 0;
  if (!segment || holiday || segment.isClosed) return { open: false, countersServing };
  return { open: segment.walkInCounters > 0, countersServing };
}
