/**
 * Opening hours, capacity windows, walk-in blocks and closures: each change is one transaction with an audit entry.
 * A closure can cancel the appointments it hits in the same transaction; after other cuts, `findConflicts` lists the
 * appointments that no longer fit so staff can cancel them in bulk.
 */
import { and, asc, eq, gt, gte, inArray, lt } from "drizzle-orm";
import type { DbOrTransaction } from "@/db/client";
import { findLocation, loadLocationSchedule } from "@/db/queries/locations";
import {
  bookings,
  capacityWindowConcerns,
  capacityWindows,
  closures,
  concerns,
  locations,
  openingHours,
  walkInBlocks,
  type Booking,
  type ClosureRow,
  type Location,
} from "@/db/schema";
import { findBookableSlot } from "@/lib/domain/availability";
import { DEFAULT_TIME_ZONE } from "@/lib/domain/enums";
import type { LocalDate } from "@/lib/domain/zoned-time";
import { addDays, instantToZoned, zonedToInstant } from "@/lib/domain/zoned-time";
import { AppError, NotFoundError } from "@/lib/errors";
import { recordAudit, type Actor } from "../audit";
import { cancelActiveInTransaction } from "../bookings";
import type { ServiceContext } from "../context";
import type { CapacityWindowInput, ClosureInput, OpeningRangeInput, WalkInBlockInput } from "@/lib/validation/capacity";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";
import { inWriteTransaction } from "@/db/transaction";

async function requireLocation(db: DbOrTransaction, id: number): Promise<Location> {
  const location = await findLocation(db, id);
  if (!location) throw new NotFoundError("location");
  return location;
}

export async function addOpeningRange(access: StaffAccess, input: OpeningRangeInput): Promise<void> {
  const context = authorize(access, "staff");
  const { actor } = context;
  await inWriteTransaction(context.db, async (tx) => {
    await requireLocation(tx, input.locationId);
    const overlapping = (await tx
      .select()
      .from(openingHours)
      .where(and(eq(openingHours.locationId, input.locationId), eq(openingHours.weekday, input.weekday), lt(openingHours.startMinute, input.endMinute), gt(openingHours.endMinute, input.startMinute))))[0];
    if (overlapping) throw new AppError("conflict", "overlaps an existing range", { field: "startMinute" });
    const row = (await tx.insert(openingHours).values(input).returning())[0]!;
    await recordAudit(tx, actor, { action: "opening_hours.create", entityType: "opening_hours", entityId: row.id, after: row });
  });
}

export async function removeOpeningRange(access: StaffAccess, id: number): Promise<void> {
  const context = authorize(access, "staff");
  const { actor } = context;
  await removeRow(context, actor, openingHours, id, "opening_hours");
}

export async function addCapacityWindow(access: StaffAccess, input: CapacityWindowInput): Promise<void> {
  const context = authorize(access, "staff");
  const { actor } = context;
  await inWriteTransaction(context.db, async (tx) => {
    await requireLocation(tx, input.locationId);
    const { concernIds, ...window } = input;
    const row = (await tx.insert(capacityWindows).values(window).returning())[0]!;
    if (concernIds.length > 0) {
      const known = await tx.select({ id: concerns.id }).from(concerns).where(inArray(concerns.id, concernIds));
      if (known.length !== concernIds.length) throw new NotFoundError("concern");
      await tx.insert(capacityWindowConcerns).values(concernIds.map((concernId) => ({ windowId: row.id, concernId })));
    }
    await recordAudit(tx, actor, { action: "capacity_window.create", entityType: "capacity_window", entityId: row.id, after: { ...row, concernIds } });
  });
}

export async function removeCapacityWindow(access: StaffAccess, id: number): Promise<void> {
  const context = authorize(access, "staff");
  const { actor } = context;
  await removeRow(context, actor, capacityWindows, id, "capacity_window");
}

export async function addWalkInBlock(access: StaffAccess, input: WalkInBlockInput): Promise<void> {
  const context = authorize(access, "staff");
  const { actor } = context;
  await inWriteTransaction(context.db, async (tx) => {
    await requireLocation(tx, input.locationId);
    const row = (await tx.insert(walkInBlocks).values(input).returning())[0]!;
    await recordAudit(tx, actor, { action: "walk_in_block.create", entityType: "walk_in_block", entityId: row.id, after: row });
  });
}

export async function removeWalkInBlock(access: StaffAccess, id: number): Promise<void> {
  const context = authorize(access, "staff");
  const { actor } = context;
  await removeRow(context, actor, walkInBlocks, id, "walk_in_block");
}

type RemovableTable = typeof openingHours | typeof capacityWindows | typeof walkInBlocks | typeof closures;

async function removeRow(context: ServiceContext, actor: Actor, table: RemovableTable, id: number, entityType: string): Promise<void> {
  await inWriteTransaction(context.db, async (tx) => {
    const row = (await tx.select().from(table).where(eq(table.id, id)))[0];
    if (!row) throw new NotFoundError(entityType);
    await tx.delete(table).where(eq(table.id, id));
    await recordAudit(tx, actor, { action: `${entityType}.delete`, entityType, entityId: id, before: row });
  });
}

/** A closure's instants: whole days from midnight, or the given times on the first and last day. */
export function closureInstants(input: Pick<ClosureInput, "startDate" | "endDate" | "startMinute" | "endMinute">, timeZone: string) {
  return {
    startsAt: zonedToInstant(input.startDate, input.startMinute ?? 0, timeZone),
    endsAt: input.endMinute === null || input.endMinute === undefined ? zonedToInstant(addDays(input.endDate, 1), 0, timeZone) : zonedToInstant(input.endDate, input.endMinute, timeZone),
  };
}

/**
 * The zone a closure's dates and times are typed in: its location's, or, for a closure of all locations, the
 * installation's default zone (lib/domain/enums.ts).
 */
async function closureTimeZone(db: DbOrTransaction, locationId: number | null): Promise<string> {
  return locationId === null ? DEFAULT_TIME_ZONE : (await requireLocation(db, locationId)).timeZone;
}

/**
 * Active appointments a closure would hit, earliest first: what staff see before they confirm it. Each comes with its
 * location's time zone, in which it is shown (a closure of all locations can hit locations in different zones).
 */
export async function bookingsHitByClosure(access: StaffAccess, input: ClosureInput): Promise<(Booking & { timeZone: string })[]> {
  const db = authorize(access, "staff").db;
  return hitByClosure(db, input, await closureTimeZone(db, input.locationId));
}

async function hitByClosure(db: DbOrTransaction, input: ClosureInput, timeZone: string): Promise<(Booking & { timeZone: string })[]> {
  const { startsAt, endsAt } = closureInstants(input, timeZone);
  return (await db
    .select({ booking: bookings, timeZone: locations.timeZone })
    .from(bookings)
    .innerJoin(locations, eq(locations.id, bookings.locationId))
    .where(
      and(
        input.locationId === null ? undefined : eq(bookings.locationId, input.locationId),
        inArray(bookings.status, ["booked", "checked_in"]),
        lt(bookings.startsAt, endsAt),
        gt(bookings.endsAt, startsAt),
      ),
    )
    .orderBy(asc(bookings.startsAt)))
    .map((row) => ({ ...row.booking, timeZone: row.timeZone }));
}

/** Saves a closure, its dates and times read in its location's zone (see closureTimeZone). */
export async function createClosure(access: StaffAccess, input: ClosureInput, options: { cancelAffected: boolean }): Promise<{ closure: ClosureRow; cancelled: Booking[] }> {
  const context = authorize(access, "staff");
  const { actor } = context;
  const now = context.now();
  return inWriteTransaction(context.db, async (tx) => {
    const timeZone = await closureTimeZone(tx, input.locationId);
    const { startsAt, endsAt } = closureInstants(input, timeZone);
    if (startsAt.getTime() >= endsAt.getTime()) throw new AppError("validation", "closure ends before it starts", { field: "endDate" });
    const closure = (await tx.insert(closures).values({ locationId: input.locationId, startsAt, endsAt, reason: input.reason }).returning())[0]!;
    await recordAudit(tx, actor, { action: "closure.create", entityType: "closure", entityId: closure.id, after: closure });
    const hit = options.cancelAffected ? await hitByClosure(tx, input, timeZone) : [];
    const cancelled = await cancelActiveInTransaction(tx, context, actor, hit.map((b) => b.id), now, {
      officeReason: input.reason,
      rebookUrl: `${context.publicUrl}/termin`,
    });
    return { closure, cancelled };
  });
}

export async function removeClosure(access: StaffAccess, id: number): Promise<void> {
  const context = authorize(access, "staff");
  const { actor } = context;
  await removeRow(context, actor, closures, id, "closure");
}

/** Closures not yet over, earliest first, each with the zone to show it in (its location's, or the default). */
export async function listUpcomingClosures(access: StaffAccess) {
  const { db } = authorize(access, "staff");
  const now = access.now();
  return (await db
    .select({ closure: closures, locationName: locations.name, locationTimeZone: locations.timeZone })
    .from(closures)
    .leftJoin(locations, eq(locations.id, closures.locationId))
    .where(gte(closures.endsAt, now))
    .orderBy(asc(closures.startsAt)))
    .map(({ closure, locationName, locationTimeZone }) => ({ closure, locationName, timeZone: locationTimeZone ?? DEFAULT_TIME_ZONE }));
}

/**
 * Future appointments that no longer fit the location's hours, capacity or closures, e.g. after a window was removed.
 * Earlier bookings keep their place: each day's bookings are replayed in booking order and every one that the
 * engine can no longer place (as staff could, with every counter) is a conflict.
 */
export async function findConflicts(access: StaffAccess, location: Location, horizonDays = 120): Promise<Booking[]> {
  const { db } = authorize(access, "staff");
  const now = access.now();
  const tz = location.timeZone;
  const today = instantToZoned(now, tz).date;
  const upcoming = await db
    .select()
    .from(bookings)
    .where(and(eq(bookings.locationId, location.id), eq(bookings.status, "booked"), gt(bookings.startsAt, now), lt(bookings.startsAt, zonedToInstant(addDays(today, horizonDays), 0, tz))))
    .orderBy(asc(bookings.createdAt), asc(bookings.id));
  const upcomingIds = new Set(upcoming.map((b) => b.id));
  const byDay = new Map<LocalDate, Booking[]>();
  for (const booking of upcoming) {
    const day = instantToZoned(booking.startsAt, tz).date;
    byDay.set(day, [...(byDay.get(day) ?? []), booking]);
  }

  const conflicts: Booking[] = [];
  for (const [day, dayBookings] of byDay) {
    const dayStart = zonedToInstant(day, 0, tz);
    const schedule = await loadLocationSchedule(db, location, dayStart, zonedToInstant(addDays(day, 1), 0, tz));
    // Appointments already under way or finished keep their counters; the upcoming ones are placed again one by one.
    const placed = schedule.bookings.filter((b) => b.id === undefined || !upcomingIds.has(b.id));
    for (const booking of dayBookings) {
      const own = schedule.bookings.find((b) => b.id === booking.id)!;
      const slot = findBookableSlot(
        {
          now: dayStart,
          schedule: { ...schedule, bookings: placed },
          rules: { leadTimeMinutes: 0, horizonDays: 100_000, slotGridMinutes: 5 },
          audience: "staff",
          concernIds: own.concernIds,
          durationMinutes: Math.round((booking.endsAt.getTime() - booking.startsAt.getTime()) / 60_000),
        },
        booking.startsAt,
      );
      if (slot) placed.push(own);
      else conflicts.push(booking);
    }
  }
  return conflicts.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

export async function loadCapacitySetup(access: StaffAccess, locationId: number) {
  const db = authorize(access, "staff").db;
  const windows = await db.select().from(capacityWindows).where(eq(capacityWindows.locationId, locationId)).orderBy(asc(capacityWindows.weekday), asc(capacityWindows.startMinute));
  const restrictions = windows.length === 0 ? [] : (await db.select().from(capacityWindowConcerns).where(inArray(capacityWindowConcerns.windowId, windows.map((w) => w.id))).orderBy(asc(capacityWindowConcerns.windowId), asc(capacityWindowConcerns.concernId)));
  return {
    openingHours: await db.select().from(openingHours).where(eq(openingHours.locationId, locationId)).orderBy(asc(openingHours.weekday), asc(openingHours.startMinute)),
    windows: windows.map((w) => ({ ...w, concernIds: restrictions.filter((r) => r.windowId === w.id).map((r) => r.concernId) })),
    walkInBlocks: await db.select().from(walkInBlocks).where(eq(walkInBlocks.locationId, locationId)).orderBy(asc(walkInBlocks.weekday), asc(walkInBlocks.startMinute)),
  };
}
