import "server-only";
import { asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { ExistingBooking, LocationSchedule } from "@/lib/domain/availability";
import { CAPACITY_HOLDING_STATUSES, type BookingChannel } from "@/lib/domain/enums";
import { isFederalStateCode } from "@/lib/domain/holidays";
import type { IsoWeekday } from "@/lib/domain/zoned-time";
import type { DbOrTransaction } from "../client";
import { isPostgres } from "../engine";
import { queryPostgresRows } from "../postgres";
import { preparedOnce } from "../prepared";
import { connectionOf, revisionStamp, StampedCache } from "../revisions";
import {
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

export async function listLocations(db: DbOrTransaction, options: { includeInactive?: boolean } = {}): Promise<LocationWithHours[]> {
  const rows = await db
    .select()
    .from(locations)
    .where(options.includeInactive ? undefined : eq(locations.active, true))
    .orderBy(asc(locations.position), asc(locations.id));
  const hours = await db.select().from(openingHours).orderBy(asc(openingHours.weekday), asc(openingHours.startMinute));
  const blocks = await db.select().from(walkInBlocks).orderBy(asc(walkInBlocks.weekday), asc(walkInBlocks.startMinute));
  return rows.map((location) => ({
    ...location,
    openingHours: hours.filter((h) => h.locationId === location.id),
    walkInBlocks: blocks.filter((b) => b.locationId === location.id),
  }));
}

const locationCache = new StampedCache<Location | undefined>(256);

/** One location by id; location rows count as catalogue data, so the catalogue counter keeps this cache honest. */
export async function findLocation(db: DbOrTransaction, id: number): Promise<Location | undefined> {
  return await locationCache.getOrCompute(String(id), await revisionStamp(db, ["catalogue"]), async () => (await db.select().from(locations).where(eq(locations.id, id)))[0]);
}

const locationBySlugCache = new StampedCache<Location | undefined>(256);

/**
 * By its slug, as the API and the wizard name it: on every availability request and booking. Cached like findLocation:
 * an availability request reads the change counters anyway (once, withRevisionSnapshot), so a cached location costs
 * no statement of its own, which on PostgreSQL is a round trip per request.
 */
export async function findLocationBySlug(db: DbOrTransaction, slug: string): Promise<Location | undefined> {
  return await locationBySlugCache.getOrCompute(slug, await revisionStamp(db, ["catalogue"]), async () =>
    (await preparedOnce(db, "location-by-slug", (d) => d.select().from(locations).where(eq(locations.slug, sql.placeholder("slug"))).prepare()).execute({ slug }))[0],
  );
}

/**
 * Everything the availability engine needs for one location, with the bookings and closures that overlap
 * [from, to). `excludeBookingId` leaves out a booking being moved, so it does not block its own new time.
 */
export async function loadLocationSchedule(
  db: DbOrTransaction,
  location: Location,
  from: Date,
  to: Date,
  options: { excludeBookingId?: number } = {},
): Promise<LocationSchedule> {
  if (!isFederalStateCode(location.federalState)) {
    throw new Error(`Location ${location.id} has an unknown federal state: ${location.federalState}`);
  }
  const rules = await capacityRulesCache.getOrCompute(String(location.id), await revisionStamp(db, ["capacity"]), async () => readCapacityRules(db, location.id));
  const bookingRows = (await capacityHoldingBookings(db, location.id, from, to)).filter((b) => b.id !== options.excludeBookingId);
  return {
    location: { id: location.id, timeZone: location.timeZone, federalState: location.federalState },
    openingHours: rules.openingHours,
    capacityWindows: rules.capacityWindows,
    walkInBlocks: rules.walkInBlocks,
    closures: rules.closures.filter((c) => c.startsAt.getTime() < to.getTime() && c.endsAt.getTime() > from.getTime()),
    bookings: bookingRows,
  };
}

type CapacityRules = Pick<LocationSchedule, "openingHours" | "capacityWindows" | "walkInBlocks" | "closures">;
const capacityRulesCache = new StampedCache<CapacityRules>(64);

/** Opening hours, windows, walk-in blocks and every closure of a location: changed rarely, read constantly. */
async function readCapacityRules(db: DbOrTransaction, locationId: number): Promise<CapacityRules> {
  const hours = await db.select().from(openingHours).where(eq(openingHours.locationId, locationId));
  const windows = await db.select().from(capacityWindows).where(eq(capacityWindows.locationId, locationId));
  const windowConcernRows =
    windows.length === 0
      ? []
      : (await db
          .select()
          .from(capacityWindowConcerns)
          .where(inArray(capacityWindowConcerns.windowId, windows.map((w) => w.id))));
  const blocks = await db.select().from(walkInBlocks).where(eq(walkInBlocks.locationId, locationId));
  const closureRows = await db
    .select()
    .from(closures)
    .where(or(eq(closures.locationId, locationId), isNull(closures.locationId)));
  return {
    openingHours: hours.map((h) => ({ id: h.id, weekday: h.weekday as IsoWeekday, startMinute: h.startMinute, endMinute: h.endMinute })),
    capacityWindows: windows.map((w) => {
      const restricted = windowConcernRows.filter((row) => row.windowId === w.id).map((row) => row.concernId);
      return {
        id: w.id,
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
      id: b.id,
      weekday: b.weekday as IsoWeekday | null,
      validFrom: b.validFrom,
      validUntil: b.validUntil,
      startMinute: b.startMinute,
      endMinute: b.endMinute,
      counters: b.counters,
    })),
    closures: closureRows.map((c) => ({ startsAt: c.startsAt, endsAt: c.endsAt })),
  };
}

/** An appointment always fits inside one day's opening hours, so none that overlaps a range started earlier than this. */
const LONGEST_APPOINTMENT_MS = 24 * 60 * 60_000;
const holdingStatuses = CAPACITY_HOLDING_STATUSES.map((s) => `'${s}'`).join(", ");

/**
 * The capacity-holding bookings overlapping [from, to) with their concerns, in one indexed query. This runs on every
 * availability request (thousands of rows for a few weeks at a busy location) and inside every booking transaction,
 * so on both engines it is a hand-written statement returning plain arrays (on SQLite prepared once per connection):
 * the query builder's per-call rendering and per-row mapping cost more than the read itself.
 */
async function capacityHoldingBookings(db: DbOrTransaction, locationId: number, from: Date, to: Date): Promise<ExistingBooking[]> {
  const rows = isPostgres ? await capacityHoldingRowsPostgres(db, locationId, from, to) : capacityHoldingRowsSqlite(db, locationId, from, to);
  const result: ExistingBooking[] = [];
  for (const [id, startsAt, endsAt, channel, concernId] of rows) {
    const last = result.at(-1);
    if (last?.id === id) (last.concernIds as number[]).push(concernId);
    else result.push({ id, startsAt: new Date(startsAt), endsAt: new Date(endsAt), channel, concernIds: [concernId] });
  }
  return result;
}

/** Instants as UTC milliseconds, as SQLite stores them. */
type CapacityHoldingRow = [id: number, startsAt: number, endsAt: number, channel: BookingChannel, concernId: number];

/**
 * On PostgreSQL the instants come as milliseconds too (`date_part` gives double precision, exact for whole
 * milliseconds, which node-postgres reads with parseFloat): a `timestamptz` as text would be formatted by the server
 * and parsed into a Date by the client only to be turned into milliseconds here, twice the work for every row.
 * Unnamed on purpose (db/postgres.ts, queryPostgresRows): as a named statement the server switches to a generic plan
 * after five runs, which expects a handful of rows for any range and looks up each booking's items one by one; for
 * the thousands a few weeks hold, that plan took 7.4–8.8 ms against 5.8–6.0 ms for the plan made for the range.
 */
async function capacityHoldingRowsPostgres(db: DbOrTransaction, locationId: number, from: Date, to: Date): Promise<CapacityHoldingRow[]> {
  return await queryPostgresRows<CapacityHoldingRow>(
    db,
    {
      text: `select b.id, round(date_part('epoch', b.starts_at) * 1000), round(date_part('epoch', b.ends_at) * 1000), b.channel, i.concern_id
        from bookings b join booking_items i on i.booking_id = b.id
        where b.location_id = $1 and b.status in (${holdingStatuses}) and b.starts_at >= $2 and b.starts_at < $3 and b.ends_at > $4
        order by b.starts_at, b.id`,
    },
    [locationId, new Date(from.getTime() - LONGEST_APPOINTMENT_MS), to, from],
  );
}

/** Answered from the indexes alone (bookings_location_start_idx, booking_items_booking_idx); locations.test.ts checks the plan. */
export const CAPACITY_HOLDING_SQLITE = `select b.id, b.starts_at, b.ends_at, b.channel, i.concern_id
  from bookings b join booking_items i on i.booking_id = b.id
  where b.location_id = ? and b.status in (${holdingStatuses}) and b.starts_at >= ? and b.starts_at < ? and b.ends_at > ?
  order by b.starts_at, b.id`;

function capacityHoldingRowsSqlite(db: DbOrTransaction, locationId: number, from: Date, to: Date): CapacityHoldingRow[] {
  const statement = preparedOnce(db, "capacity-holding-bookings", (d) => connectionOf(d).prepare(CAPACITY_HOLDING_SQLITE).raw(true));
  return statement.all(locationId, from.getTime() - LONGEST_APPOINTMENT_MS, to.getTime(), from.getTime()) as CapacityHoldingRow[];
}
