import "server-only";
import { and, asc, eq, gt, inArray, isNull, lt, or } from "drizzle-orm";
import type { LocationSchedule } from "@/lib/domain/availability";
import { CAPACITY_HOLDING_STATUSES } from "@/lib/domain/enums";
import { isFederalStateCode } from "@/lib/domain/holidays";
import type { IsoWeekday } from "@/lib/domain/zoned-time";
import type { DbOrTransaction } from "../client";
import {
  bookingItems,
  bookings,
  capacityWindowConcerns,
  capacityWindows,
  closures,
  locations,
  openingHours,
  walkInBlocks,
  type Location,
  type OpeningHoursRow,
  type WalkInBlockRow,
} from "../schema";

export type LocationWithHours = Location & { openingHours: OpeningHoursRow[]; walkInBlocks: WalkInBlockRow[] };

export function listLocations(db: DbOrTransaction, options: { includeInactive?: boolean } = {}): LocationWithHours[] {
  const rows = db
    .select()
    .from(locations)
    .where(options.includeInactive ? undefined : eq(locations.active, true))
    .orderBy(asc(locations.position), asc(locations.id))
    .all();
  const hours = db.select().from(openingHours).orderBy(asc(openingHours.weekday), asc(openingHours.startMinute)).all();
  const blocks = db.select().from(walkInBlocks).orderBy(asc(walkInBlocks.weekday), asc(walkInBlocks.startMinute)).all();
  return rows.map((location) => ({
    ...location,
    openingHours: hours.filter((h) => h.locationId === location.id),
    walkInBlocks: blocks.filter((b) => b.locationId === location.id),
  }));
}

export function findLocation(db: DbOrTransaction, id: number): Location | undefined {
  return db.select().from(locations).where(eq(locations.id, id)).get();
}

export function findLocationBySlug(db: DbOrTransaction, slug: string): Location | undefined {
  return db.select().from(locations).where(eq(locations.slug, slug)).get();
}

/**
 * Everything the availability engine needs for one location, with the bookings and closures that overlap
 * [from, to). `excludeBookingId` leaves out a booking being moved, so it does not block its own new time.
 */
export function loadLocationSchedule(
  db: DbOrTransaction,
  location: Location,
  from: Date,
  to: Date,
  options: { excludeBookingId?: number } = {},
): LocationSchedule {
  if (!isFederalStateCode(location.federalState)) {
    throw new Error(`Location ${location.id} has an unknown federal state: ${location.federalState}`);
  }
  const hours = db.select().from(openingHours).where(eq(openingHours.locationId, location.id)).all();
  const windows = db.select().from(capacityWindows).where(eq(capacityWindows.locationId, location.id)).all();
  const windowConcernRows =
    windows.length === 0
      ? []
      : db
          .select()
          .from(capacityWindowConcerns)
          .where(inArray(capacityWindowConcerns.windowId, windows.map((w) => w.id)))
          .all();
  const blocks = db.select().from(walkInBlocks).where(eq(walkInBlocks.locationId, location.id)).all();
  const closureRows = db
    .select()
    .from(closures)
    .where(
      and(
        or(eq(closures.locationId, location.id), isNull(closures.locationId)),
        lt(closures.startsAt, to),
        gt(closures.endsAt, from),
      ),
    )
    .all();
  const bookingRows = db
    .select({ id: bookings.id, startsAt: bookings.startsAt, endsAt: bookings.endsAt, channel: bookings.channel })
    .from(bookings)
    .where(
      and(
        eq(bookings.locationId, location.id),
        inArray(bookings.status, [...CAPACITY_HOLDING_STATUSES]),
        lt(bookings.startsAt, to),
        gt(bookings.endsAt, from),
      ),
    )
    .all()
    .filter((b) => b.id !== options.excludeBookingId);
  const itemRows =
    bookingRows.length === 0
      ? []
      : db
          .select({ bookingId: bookingItems.bookingId, concernId: bookingItems.concernId })
          .from(bookingItems)
          .innerJoin(bookings, eq(bookings.id, bookingItems.bookingId))
          .where(
            and(
              eq(bookings.locationId, location.id),
              inArray(bookings.status, [...CAPACITY_HOLDING_STATUSES]),
              lt(bookings.startsAt, to),
              gt(bookings.endsAt, from),
            ),
          )
          .all();
  const concernsByBooking = new Map<number, number[]>();
  for (const item of itemRows) {
    const list = concernsByBooking.get(item.bookingId) ?? [];
    list.push(item.concernId);
    concernsByBooking.set(item.bookingId, list);
  }

  return {
    location: { id: location.id, timeZone: location.timeZone, federalState: location.federalState },
    openingHours: hours.map((h) => ({ weekday: h.weekday as IsoWeekday, startMinute: h.startMinute, endMinute: h.endMinute })),
    capacityWindows: windows.map((w) => {
      const restricted = windowConcernRows.filter((row) => row.windowId === w.id).map((row) => row.concernId);
      return {
        weekday: w.weekday as IsoWeekday | null,
        validFrom: w.validFrom,
        validUntil: w.validUntil,
        startMinute: w.startMinute,
        endMinute: w.endMinute,
        onlineCounters: w.onlineCounters,
        staffCounters: w.staffCounters,
        concernIds: restricted.length > 0 ? restricted : null,
      };
    }),
    walkInBlocks: blocks.map((b) => ({
      weekday: b.weekday as IsoWeekday | null,
      validFrom: b.validFrom,
      validUntil: b.validUntil,
      startMinute: b.startMinute,
      endMinute: b.endMinute,
      counters: b.counters,
    })),
    closures: closureRows.map((c) => ({ startsAt: c.startsAt, endsAt: c.endsAt })),
    bookings: bookingRows.map((b) => ({
      id: b.id,
      startsAt: b.startsAt,
      endsAt: b.endsAt,
      channel: b.channel,
      concernIds: concernsByBooking.get(b.id) ?? [],
    })),
  };
}
