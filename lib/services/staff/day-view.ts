import { isPostgres } from "@/db/engine";
import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTransaction } from "@/db/client";
import { loadLocationSchedule } from "@/db/queries/locations";
import { bookingItems, bookings, closures, concerns, openingHours, type Booking, type Location } from "@/db/schema";
import { capacityTimeline, type CapacitySegment } from "@/lib/domain/availability";
import type { Language } from "@/lib/domain/enums";
import { holidaysBetween, isFederalStateCode, type Holiday } from "@/lib/domain/holidays";
import { addDays, isoWeekday, zonedToInstant, type LocalDate } from "@/lib/domain/zoned-time";
import { normalizeReferenceCode } from "@/lib/booking-tokens";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";

export type StaffBookingRow = Booking & { items: { name: string; quantity: number }[]; durationMinutes: number };
export type CapacityRow = { startsAt: Date; endsAt: Date; counters: number; staffOnly: number; walkIn: number; bookedMax: number; freeMin: number };

export type DayView = {
  date: LocalDate;
  holiday: Holiday | null;
  openingRanges: { startMinute: number; endMinute: number }[];
  closures: { startsAt: Date; endsAt: Date; reason: string }[];
  /** The day's bookings that are not cancelled, in time order: one list, as the counter works through them. */
  active: StaffBookingRow[];
  cancelled: StaffBookingRow[];
  capacity: CapacityRow[];
  counts: Record<"all" | "booked" | "checked_in" | "done" | "no_show" | "cancelled" | "online" | "phone" | "walk_in", number>;
};

/** Bookings with their concerns in the staff member's language. */
export async function withItems(db: DbOrTransaction, rows: Booking[], language: Language): Promise<StaffBookingRow[]> {
  if (rows.length === 0) return [];
  const items = await db
    .select({ bookingId: bookingItems.bookingId, quantity: bookingItems.quantity, nameDe: concerns.nameDe, nameEn: concerns.nameEn })
    .from(bookingItems)
    .innerJoin(concerns, eq(concerns.id, bookingItems.concernId))
    .where(inArray(bookingItems.bookingId, rows.map((r) => r.id)))
    .orderBy(asc(bookingItems.id));
  return rows.map((booking) => ({
    ...booking,
    items: items.filter((i) => i.bookingId === booking.id).map((i) => ({ name: language === "de" ? i.nameDe : i.nameEn, quantity: i.quantity })),
    durationMinutes: Math.round((booking.endsAt.getTime() - booking.startsAt.getTime()) / 60_000),
  }));
}

export async function loadDayView(access: StaffAccess, location: Location, date: LocalDate, language: Language): Promise<DayView> {
  const db = authorize(access, "staff").db;
  const tz = location.timeZone;
  const from = zonedToInstant(date, 0, tz);
  const to = zonedToInstant(addDays(date, 1), 0, tz);
  const rows = await db
    .select()
    .from(bookings)
    .where(and(eq(bookings.locationId, location.id), gte(bookings.startsAt, from), lt(bookings.startsAt, to)))
    .orderBy(asc(bookings.startsAt));
  const all = await withItems(db, rows, language);
  const active = all.filter((b) => b.status !== "cancelled");
  const schedule = await loadLocationSchedule(db, location, from, to);
  const ranges = await db
    .select()
    .from(openingHours)
    .where(and(eq(openingHours.locationId, location.id), eq(openingHours.weekday, isoWeekday(date))))
    .orderBy(asc(openingHours.startMinute));
  const dayClosures = await db
    .select()
    .from(closures)
    .where(and(or(eq(closures.locationId, location.id), isNull(closures.locationId)), lt(closures.startsAt, to), gt(closures.endsAt, from)))
    .orderBy(asc(closures.startsAt), asc(closures.id));
  const holiday = isFederalStateCode(location.federalState) ? (holidaysBetween(date, date, location.federalState).get(date) ?? null) : null;
  const count = (predicate: (b: StaffBookingRow) => boolean) => all.filter(predicate).length;

  return {
    date,
    holiday,
    openingRanges: ranges.map((r) => ({ startMinute: r.startMinute, endMinute: r.endMinute })),
    closures: dayClosures.map((c) => ({ startsAt: c.startsAt, endsAt: c.endsAt, reason: c.reason })),
    active,
    cancelled: all.filter((b) => b.status === "cancelled"),
    capacity: hourlyRows(capacityTimeline(schedule, date), ranges.map((r) => ({ from: zonedToInstant(date, r.startMinute, tz), to: zonedToInstant(date, r.endMinute, tz) }))),
    counts: {
      all: active.length,
      booked: count((b) => b.status === "booked"),
      checked_in: count((b) => b.status === "checked_in"),
      done: count((b) => b.status === "done"),
      no_show: count((b) => b.status === "no_show"),
      cancelled: count((b) => b.status === "cancelled"),
      online: count((b) => b.status !== "cancelled" && b.channel === "online"),
      phone: count((b) => b.status !== "cancelled" && b.channel === "phone"),
      walk_in: count((b) => b.status !== "cancelled" && b.channel === "walk_in"),
    },
  };
}

/** One row per opening hour: the most bookings at once and the fewest free counters in that hour. */
function hourlyRows(segments: CapacitySegment[], ranges: { from: Date; to: Date }[]): CapacityRow[] {
  const rows: CapacityRow[] = [];
  for (const range of ranges) {
    for (let start = range.from.getTime(); start < range.to.getTime(); start += 60 * 60_000) {
      const end = Math.min(start + 60 * 60_000, range.to.getTime());
      const inHour = segments.filter((s) => s.startsAt.getTime() < end && s.endsAt.getTime() > start);
      if (inHour.length === 0) continue;
      const free = inHour.map((s) => (s.isClosed ? 0 : Math.max(0, s.onlineCounters + s.staffCounters - s.walkInCounters - s.booked)));
      rows.push({
        startsAt: new Date(start),
        endsAt: new Date(end),
        counters: Math.max(...inHour.map((s) => s.onlineCounters + s.staffCounters)),
        staffOnly: Math.max(...inHour.map((s) => s.staffCounters)),
        walkIn: Math.max(...inHour.map((s) => s.walkInCounters)),
        bookedMax: Math.max(...inHour.map((s) => s.booked)),
        freeMin: Math.min(...free),
      });
    }
  }
  return rows;
}

export type WeekDayLoad = { date: LocalDate; bookings: number; bookedMinutes: number; capacityMinutes: number; holiday: Holiday | null };

/** Monday to Saturday of the week containing `date`, with booked and available counter minutes per day. */
export async function loadWeek(access: StaffAccess, location: Location, date: LocalDate): Promise<WeekDayLoad[]> {
  const db = authorize(access, "staff").db;
  const monday = addDays(date, 1 - isoWeekday(date));
  const days = Array.from({ length: 6 }, (_, i) => addDays(monday, i));
  const tz = location.timeZone;
  const schedule = await loadLocationSchedule(db, location, zonedToInstant(monday, 0, tz), zonedToInstant(addDays(monday, 7), 0, tz));
  const holidays = isFederalStateCode(location.federalState) ? holidaysBetween(monday, addDays(monday, 6), location.federalState) : new Map<LocalDate, Holiday>();
  return days.map((day) => {
    const dayStart = zonedToInstant(day, 0, tz).getTime();
    const dayEnd = zonedToInstant(addDays(day, 1), 0, tz).getTime();
    const dayBookings = schedule.bookings.filter((b) => b.startsAt.getTime() >= dayStart && b.startsAt.getTime() < dayEnd);
    const open = schedule.openingHours.filter((r) => r.weekday === isoWeekday(day));
    const holiday = holidays.get(day) ?? null;
    // Counter minutes inside opening hours, outside closures, minus walk-in reservations.
    const capacityMinutes = holiday
      ? 0
      : capacityTimeline(schedule, day).reduce((sum, seg) => {
        const inOpening = open.some((r) => {
          const s = zonedToInstant(day, r.startMinute, tz).getTime();
          const e = zonedToInstant(day, r.endMinute, tz).getTime();
          return seg.startsAt.getTime() >= s && seg.endsAt.getTime() <= e;
        });
        if (!inOpening || seg.isClosed) return sum;
        const counters = Math.max(0, seg.onlineCounters + seg.staffCounters - seg.walkInCounters);
        return sum + (counters * (seg.endsAt.getTime() - seg.startsAt.getTime())) / 60_000;
      }, 0);
    return {
      date: day,
      bookings: dayBookings.length,
      bookedMinutes: dayBookings.reduce((sum, b) => sum + (b.endsAt.getTime() - b.startsAt.getTime()) / 60_000, 0),
      capacityMinutes: Math.round(capacityMinutes),
      holiday,
    };
  });
}

/** Search by reference code (any spelling) or part of a name; newest appointments first. */
export async function searchBookings(access: StaffAccess, query: string, language: Language, limit = 50): Promise<StaffBookingRow[]> {
  const db = authorize(access, "staff").db;
  const trimmed = query.trim();
  if (trimmed.length < 2) return [];
  const code = normalizeReferenceCode(trimmed);
  const rows = await db
    .select()
    .from(bookings)
    .where(code ? eq(bookings.referenceCode, code) : nameContains(trimmed))
    .orderBy(desc(bookings.startsAt))
    .limit(limit);
  return withItems(db, rows, language);
}

/**
 * Part of a name, with the pattern's own wildcards escaped; case-insensitive on both engines (SQLite's LIKE already is
 * for ASCII letters; PostgreSQL's ILIKE also for umlauts).
 */
function nameContains(part: string) {
  const pattern = `%${part.replace(/[%_\\]/g, "\\$&")}%`;
  return isPostgres ? sql`${bookings.citizenName} ilike ${pattern} escape '\\'` : sql`${bookings.citizenName} like ${pattern} escape '\\'`;
}
