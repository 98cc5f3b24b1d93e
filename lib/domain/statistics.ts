/**
 * Anonymous statistics over a period: bookings by concern, location, day, status and channel, the no-show rate and
 * the utilisation of counter time.
 *
 * Pure: bookings, locations and their capacity rules are passed in as plain data; nothing here reads the clock or the
 * database. Bookings carry no personal data at all, so nothing computed here can reveal who booked.
 *
 * Counting rules
 * - A booking belongs to the period when its start falls on one of the period's days in its location's time zone.
 * - "Bookings" (by concern, location, day, channel) are all bookings except cancelled ones; cancellations are counted
 *   on their own, so a cancelled and re-booked appointment is not counted twice.
 * - Holds (waiting-list offers) and released holds are left out entirely: they never were appointments.
 * - No-show rate = no-shows ÷ (done + no-show + checked in): only appointments whose time has come and that staff
 *   have dealt with. Appointments still "booked" are left out, because they may lie in the future or be unmarked.
 * - Utilisation = booked minutes ÷ capacity minutes.
 *   Booked minutes: the real length of every capacity-holding booking (booked, checked in, done, no-show: a no-show
 *   still blocked the counter).
 *   Capacity minutes: for every day of the period that is not a public holiday of the location's state, each
 *   capacity window that applies that day contributes (its time while the door is open and no closure covers it) ×
 *   (online + staff-only counters). Only time inside opening hours counts, because the availability engine offers
 *   no appointment outside them. Walk-in blocks are not subtracted: they only reserve counters of these windows, and
 *   walk-in bookings count as booked minutes. Lengths are measured between real instants, so a window across a
 *   daylight-saving switch is an hour shorter or longer that day.
 */

import { APPOINTMENT_STATUSES, BOOKING_CHANNELS, BOOKING_STATUSES, CAPACITY_HOLDING_STATUSES, type BookingChannel, type BookingStatus } from "./enums";
import { holidaysBetween, type FederalStateCode } from "./holidays";
import { ruleAppliesOn, type RecurringRule } from "./recurring-rule";
import { addDays, diffDays, instantToZoned, isoWeekday, zonedToInstant, type IsoWeekday, type LocalDate } from "./zoned-time";

const MS_PER_MINUTE = 60_000;

export type StatisticsBooking = {
  locationId: number;
  status: BookingStatus;
  channel: BookingChannel;
  startsAt: Date;
  endsAt: Date;
  items: readonly { concernId: number; quantity: number }[];
  /** When the booking was made: its lead time is the distance to `startsAt`. */
  createdAt: Date;
  /** Whether a reminder e-mail went out for it (lib/services/reminders.ts). */
  reminded: boolean;
};

export type StatisticsCapacityWindow = RecurringRule & {
  startMinute: number;
  endMinute: number;
  onlineCounters: number;
  staffCounters: number;
};

export type StatisticsLocation = {
  id: number;
  timeZone: string;
  federalState: FederalStateCode;
  openingHours: readonly { weekday: IsoWeekday; startMinute: number; endMinute: number }[];
  capacityWindows: readonly StatisticsCapacityWindow[];
  /** Closures of this location and those of every location; may extend beyond the period. */
  closures: readonly { startsAt: Date; endsAt: Date }[];
};

export type StatisticsInput = {
  /** First and last day of the period, inclusive. */
  from: LocalDate;
  to: LocalDate;
  /** The locations to report on; bookings of any other location are ignored. */
  locations: readonly StatisticsLocation[];
  bookings: readonly StatisticsBooking[];
};

export type ConcernCount = { concernId: number; bookings: number; quantity: number };
export type LocationCount = { locationId: number; bookings: number; cancelled: number };
export type DayCount = { date: LocalDate; bookings: number };
export type Utilisation = { bookedMinutes: number; capacityMinutes: number; rate: number | null };
export type NoShowFigures = { noShows: number; dealtWith: number; rate: number | null };

/**
 * Booking lead time in calendar days of the location (appointment date minus booking date): the same day, 1–2 days,
 * 3–7, 8–14, 15–28 and more than 28 days ahead. Late bookings are rarely missed; those made weeks ahead are forgotten.
 */
export const LEAD_TIME_BUCKETS = [
  { key: "same_day", maxDays: 0 },
  { key: "days_1_2", maxDays: 2 },
  { key: "days_3_7", maxDays: 7 },
  { key: "days_8_14", maxDays: 14 },
  { key: "days_15_28", maxDays: 28 },
  { key: "days_29_plus", maxDays: Infinity },
] as const;
export type LeadTimeBucket = (typeof LEAD_TIME_BUCKETS)[number]["key"];

/**
 * Where no-shows happen, to decide where reminders or rules help. Counts only appointments made ahead (online and by
 * phone) that staff have dealt with (done, checked in or no-show), as the overall rate does; walk-ins are left out,
 * since someone standing in the hall cannot miss their turn by staying away, and would dilute every rate.
 * "Reminded" compares appointments with and without a reminder e-mail; the two groups differ in more than the mail
 * (bookings made after the reminder time, phone bookings without an address), which the page says beside the figures.
 */
export type NoShowBreakdown = {
  byLeadTime: ({ bucket: LeadTimeBucket } & NoShowFigures)[];
  /** Every concern of a missed or kept appointment counts that appointment once; most missed first. */
  byConcern: ({ concernId: number } & NoShowFigures)[];
  /** ISO weekdays 1 (Monday) to 7, all seven. */
  byWeekday: ({ weekday: IsoWeekday } & NoShowFigures)[];
  byReminder: { reminded: NoShowFigures; notReminded: NoShowFigures };
};

export type Statistics = {
  from: LocalDate;
  to: LocalDate;
  /** All bookings except cancelled ones. */
  bookings: number;
  cancelled: number;
  byStatus: Record<BookingStatus, number>;
  byChannel: Record<BookingChannel, number>;
  /** Most booked first; only concerns that were booked. */
  byConcern: ConcernCount[];
  /** In the order the locations were given, including those without bookings. */
  byLocation: LocationCount[];
  /** Every day of the period, also those without bookings. */
  byDay: DayCount[];
  noShow: NoShowFigures;
  noShowBreakdown: NoShowBreakdown;
  utilisation: { overall: Utilisation; byLocation: (Utilisation & { locationId: number })[] };
};

export function computeStatistics(input: StatisticsInput): Statistics {
  const { from, to } = input;
  const days = daysOf(from, to);
  const locationsById = new Map(input.locations.map((location) => [location.id, location]));

  const byStatus = zeroCounts(BOOKING_STATUSES);
  const byChannel = zeroCounts(BOOKING_CHANNELS);
  const byDay = new Map(days.map((date) => [date, 0]));
  const byLocation = new Map(input.locations.map((location) => [location.id, { locationId: location.id, bookings: 0, cancelled: 0 }]));
  const byConcern = new Map<number, ConcernCount>();
  const missed = new NoShowTally();
  const bookedMinutes = new Map(input.locations.map((location) => [location.id, 0]));

  for (const booking of input.bookings) {
    const location = locationsById.get(booking.locationId);
    if (!location) continue;
    const date = instantToZoned(booking.startsAt, location.timeZone).date;
    if (date < from || date > to) continue;
    // A waiting-list hold (and a released one) was never an appointment: counting it would inflate bookings, or
    // cancellations for every offer nobody took.
    if (!APPOINTMENT_STATUSES.includes(booking.status)) continue;

    byStatus[booking.status] += 1;
    const locationCount = byLocation.get(location.id)!;
    if (booking.status === "cancelled") {
      locationCount.cancelled += 1;
      continue;
    }
    locationCount.bookings += 1;
    missed.add(booking, location.timeZone, date);
    byChannel[booking.channel] += 1;
    byDay.set(date, (byDay.get(date) ?? 0) + 1);
    // A concern listed twice in one booking still makes it one booking of that concern.
    const seen = new Set<number>();
    for (const item of booking.items) {
      const count = byConcern.get(item.concernId) ?? { concernId: item.concernId, bookings: 0, quantity: 0 };
      if (!seen.has(item.concernId)) count.bookings += 1;
      seen.add(item.concernId);
      count.quantity += item.quantity;
      byConcern.set(item.concernId, count);
    }
    if (CAPACITY_HOLDING_STATUSES.includes(booking.status)) {
      const minutes = (booking.endsAt.getTime() - booking.startsAt.getTime()) / MS_PER_MINUTE;
      bookedMinutes.set(location.id, bookedMinutes.get(location.id)! + minutes);
    }
  }

  const utilisationByLocation = input.locations.map((location) => {
    const booked = bookedMinutes.get(location.id)!;
    const capacity = capacityMinutes(location, from, to);
    return { locationId: location.id, bookedMinutes: booked, capacityMinutes: capacity, rate: ratio(booked, capacity) };
  });
  const totalBooked = utilisationByLocation.reduce((sum, u) => sum + u.bookedMinutes, 0);
  const totalCapacity = utilisationByLocation.reduce((sum, u) => sum + u.capacityMinutes, 0);

  const cancelled = byStatus.cancelled;
  const bookings = BOOKING_STATUSES.reduce((sum, status) => sum + byStatus[status], 0) - cancelled;

  return {
    from,
    to,
    bookings,
    cancelled,
    byStatus,
    byChannel,
    byConcern: [...byConcern.values()].sort((a, b) => b.bookings - a.bookings || b.quantity - a.quantity || a.concernId - b.concernId),
    byLocation: [...byLocation.values()],
    byDay: days.map((date) => ({ date, bookings: byDay.get(date) ?? 0 })),
    noShow: noShowFigures(byStatus),
    noShowBreakdown: missed.breakdown(),
    utilisation: {
      overall: { bookedMinutes: totalBooked, capacityMinutes: totalCapacity, rate: ratio(totalBooked, totalCapacity) },
      byLocation: utilisationByLocation,
    },
  };
}

/** no_show ÷ (done + no_show + checked_in); null when no appointment has been dealt with yet. */
export function noShowFigures(byStatus: Readonly<Record<BookingStatus, number>>): NoShowFigures {
  const dealtWith = byStatus.done + byStatus.no_show + byStatus.checked_in;
  return { noShows: byStatus.no_show, dealtWith, rate: ratio(byStatus.no_show, dealtWith) };
}

/** Dealt-with appointments made ahead, tallied by lead time, concern, weekday and reminder (see NoShowBreakdown). */
class NoShowTally {
  private readonly byLeadTime = new Map<LeadTimeBucket, Tally>(LEAD_TIME_BUCKETS.map((bucket) => [bucket.key, new Tally()]));
  private readonly byConcern = new Map<number, Tally>();
  private readonly byWeekday = new Map<IsoWeekday, Tally>(([1, 2, 3, 4, 5, 6, 7] as const).map((weekday) => [weekday, new Tally()]));
  private readonly reminded = new Tally();
  private readonly notReminded = new Tally();

  add(booking: StatisticsBooking, timeZone: string, date: LocalDate): void {
    if (booking.channel === "walk_in" || !DEALT_WITH.includes(booking.status)) return;
    const missed = booking.status === "no_show";
    const leadDays = diffDays(instantToZoned(booking.createdAt, timeZone).date, date);
    this.byLeadTime.get(leadTimeBucket(leadDays))!.add(missed);
    for (const concernId of new Set(booking.items.map((item) => item.concernId))) {
      const tally = this.byConcern.get(concernId) ?? new Tally();
      tally.add(missed);
      this.byConcern.set(concernId, tally);
    }
    this.byWeekday.get(isoWeekday(date))!.add(missed);
    (booking.reminded ? this.reminded : this.notReminded).add(missed);
  }

  breakdown(): NoShowBreakdown {
    return {
      byLeadTime: LEAD_TIME_BUCKETS.map(({ key }) => ({ bucket: key, ...this.byLeadTime.get(key)!.figures() })),
      byConcern: [...this.byConcern.entries()]
        .map(([concernId, tally]) => ({ concernId, ...tally.figures() }))
        .sort((a, b) => b.noShows - a.noShows || (b.rate ?? 0) - (a.rate ?? 0) || a.concernId - b.concernId),
      byWeekday: [...this.byWeekday.entries()].map(([weekday, tally]) => ({ weekday, ...tally.figures() })),
      byReminder: { reminded: this.reminded.figures(), notReminded: this.notReminded.figures() },
    };
  }
}

const DEALT_WITH: readonly BookingStatus[] = ["done", "checked_in", "no_show"];

class Tally {
  private noShows = 0;
  private dealtWith = 0;
  add(missed: boolean): void {
    this.dealtWith += 1;
    if (missed) this.noShows += 1;
  }
  figures(): NoShowFigures {
    return { noShows: this.noShows, dealtWith: this.dealtWith, rate: ratio(this.noShows, this.dealtWith) };
  }
}

/** A booking made after its appointment's day (a walk-in entered late, a clock skew) counts as made the same day. */
export function leadTimeBucket(leadDays: number): LeadTimeBucket {
  return LEAD_TIME_BUCKETS.find((bucket) => Math.max(0, leadDays) <= bucket.maxDays)!.key;
}

/** Counter minutes a location offers on the days from–to (inclusive); see the module comment for the rules. */
export function capacityMinutes(location: StatisticsLocation, from: LocalDate, to: LocalDate): number {
  if (diffDays(from, to) < 0) return 0;
  const holidays = holidaysBetween(from, to, location.federalState);
  const { timeZone } = location;
  let total = 0;
  for (const date of daysOf(from, to)) {
    if (holidays.has(date)) continue;
    const weekday = isoWeekday(date);
    const instantOf = (minute: number) => zonedToInstant(date, minute, timeZone).getTime();
    const open = merge(
      location.openingHours
        .filter((range) => range.weekday === weekday)
        .map((range) => ({ start: instantOf(range.startMinute), end: instantOf(range.endMinute) })),
    );
    if (open.length === 0) continue;
    const dayStart = instantOf(0);
    const dayEnd = zonedToInstant(addDays(date, 1), 0, timeZone).getTime();
    const closed = merge(
      location.closures
        .map((closure) => ({ start: Math.max(closure.startsAt.getTime(), dayStart), end: Math.min(closure.endsAt.getTime(), dayEnd) }))
        .filter((range) => range.start < range.end),
    );
    const bookable = subtract(open, closed);
    for (const window of location.capacityWindows) {
      if (!ruleAppliesOn(window, date)) continue;
      const counters = window.onlineCounters + window.staffCounters;
      if (counters <= 0) continue;
      const span = { start: instantOf(window.startMinute), end: instantOf(window.endMinute) };
      total += (overlapMs(span, bookable) / MS_PER_MINUTE) * counters;
    }
  }
  return total;
}

// ---------------------------------------------------------------------------------------------------------------

type Range = { start: number; end: number };

function daysOf(from: LocalDate, to: LocalDate): LocalDate[] {
  const days: LocalDate[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) days.push(date);
  return days;
}

function zeroCounts<K extends string>(keys: readonly K[]): Record<K, number> {
  return Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;
}

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Sorted, non-overlapping ranges covering the same time. */
function merge(ranges: readonly Range[]): Range[] {
  const sorted = ranges.filter((r) => r.start < r.end).sort((a, b) => a.start - b.start);
  const result: Range[] = [];
  for (const range of sorted) {
    const last = result[result.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else result.push({ ...range });
  }
  return result;
}

/** `ranges` minus `holes`; both merged. */
function subtract(ranges: readonly Range[], holes: readonly Range[]): Range[] {
  const result: Range[] = [];
  for (const range of ranges) {
    let start = range.start;
    for (const hole of holes) {
      if (hole.end <= start || hole.start >= range.end) continue;
      if (hole.start > start) result.push({ start, end: hole.start });
      start = Math.max(start, hole.end);
    }
    if (start < range.end) result.push({ start, end: range.end });
  }
  return result;
}

/** How much of `span` the merged `ranges` cover, in milliseconds. */
function overlapMs(span: Range, ranges: readonly Range[]): number {
  return ranges.reduce((sum, range) => sum + Math.max(0, Math.min(span.end, range.end) - Math.max(span.start, range.start)), 0);
}
