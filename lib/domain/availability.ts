/**
 * The availability engine: which start times can be booked, per day, with how much capacity left.
 *
 * Pure: the clock, the location's schedule, its bookings and the rules are all passed in. The same function serves
 * the citizen's day and time pages, the clerk's phone booking, the API and the re-check inside the booking
 * transaction, so they can never disagree.
 *
 * Capacity model
 * - Capacity windows say how many counters serve in parallel: `onlineCounters` citizens may book online,
 *   `staffCounters` are kept for staff (phone) bookings. A window may serve only some concerns.
 * - Walk-in blocks reserve counters for the open door. They are taken from online counters first, so online
 *   booking never consumes them; a block larger than the online share also takes staff-only counters.
 * - Existing bookings occupy counters: online bookings online counters, phone bookings staff-only counters first,
 *   walk-in bookings the reserved walk-in counters first.
 * - A time is bookable when, for the whole appointment, at least one suitable counter stays free, the appointment
 *   lies inside one opening range, no closure overlaps it, and it respects lead time and horizon.
 * The day is cut into segments at every boundary of a window, block, closure or booking; inside a segment
 * nothing changes, so checking each segment an appointment touches is exact, also for bookings off the grid.
 */

import type { AvailabilityAudience, BookingChannel } from "./enums";
import {
  appointmentDurationMinutes,
  findRequestProblem,
  type CatalogueConcern,
  type RequestedItem,
  type RequestProblem,
} from "./booking-request";
import { holidaysBetween, type FederalStateCode, type Holiday } from "./holidays";
import { ruleAppliesOn, type RecurringRule } from "./recurring-rule";
import { addDays, diffDays, instantToZoned, isoWeekday, zonedToInstant, type IsoWeekday, type LocalDate } from "./zoned-time";

const MS_PER_MINUTE = 60_000;

export type MinuteRange = { startMinute: number; endMinute: number };
/** Rules carry their row id where they come from the database, so a change to one rule can be simulated. */
type RuleId = { id?: number };
export type OpeningRange = RuleId & MinuteRange & { weekday: IsoWeekday };
export type CapacityWindow = RuleId &
  RecurringRule &
  MinuteRange & {
    onlineCounters: number;
    staffCounters: number;
    /** Concerns this window serves; null serves every concern. */
    concernIds: readonly number[] | null;
  };
export type WalkInBlock = RuleId & RecurringRule & MinuteRange & { counters: number };
export type Closure = { startsAt: Date; endsAt: Date };
export type ExistingBooking = {
  /** Only to tell bookings apart; the engine does not use it. */
  id?: number;
  startsAt: Date;
  endsAt: Date;
  channel: BookingChannel;
  concernIds: readonly number[];
};

/** Everything about one location that decides its availability. Bookings: only those holding capacity. */
export type LocationSchedule = {
  location: { id: number; timeZone: string; federalState: FederalStateCode };
  openingHours: readonly OpeningRange[];
  capacityWindows: readonly CapacityWindow[];
  walkInBlocks: readonly WalkInBlock[];
  closures: readonly Closure[];
  bookings: readonly ExistingBooking[];
};

export type BookingRules = {
  /** Online bookings must start at least this long after `now`. */
  leadTimeMinutes: number;
  /** The last bookable day is today + horizonDays (location time). */
  horizonDays: number;
  slotGridMinutes: number;
};

export type DayStatus =
  | "available"
  | "past"
  | "too_soon"
  | "beyond_horizon"
  | "holiday"
  | "closed"
  | "closure"
  | "no_capacity"
  | "fully_booked";

export type Slot = { startsAt: Date; endsAt: Date; remaining: number };

export type AvailabilityDay = {
  date: LocalDate;
  weekday: IsoWeekday;
  status: DayStatus;
  holiday: Holiday | null;
  /** Bookable start times, only on available days. */
  slots: Slot[];
};

export type SlotQuery = {
  now: Date;
  schedule: LocationSchedule;
  rules: BookingRules;
  audience: AvailabilityAudience;
  /** Concerns of the appointment: decide which concern-restricted windows can serve it. */
  concernIds: readonly number[];
  /** Appointment length, already rounded up to the slot grid. */
  durationMinutes: number;
  from: LocalDate;
  to: LocalDate;
};

export type AvailabilityInput = {
  now: Date;
  schedule: LocationSchedule;
  rules: BookingRules;
  audience: AvailabilityAudience;
  items: readonly RequestedItem[];
  catalogue: ReadonlyMap<number, CatalogueConcern>;
  from: LocalDate;
  to: LocalDate;
};

export type AvailabilityResult =
  | { ok: true; durationMinutes: number; days: AvailabilityDay[]; firstAvailableDate: LocalDate | null }
  | { ok: false; problem: RequestProblem };

/** Validates the request (concerns offered here, quantities) and computes the bookable times per day. */
export function computeAvailability(input: AvailabilityInput): AvailabilityResult {
  const problem = findRequestProblem(input.items, input.catalogue, input.schedule.location.id);
  if (problem) return { ok: false, problem };
  const durationMinutes = appointmentDurationMinutes(input.items, input.catalogue, input.rules.slotGridMinutes);
  const days = computeDays({
    now: input.now,
    schedule: input.schedule,
    rules: input.rules,
    audience: input.audience,
    concernIds: input.items.map((item) => item.concernId),
    durationMinutes,
    from: input.from,
    to: input.to,
  });
  const firstAvailable = days.find((day) => day.status === "available");
  return { ok: true, durationMinutes, days, firstAvailableDate: firstAvailable?.date ?? null };
}

/** The first and last day a query for this audience can possibly yield times on (location time). */
export function bookableDateRange(now: Date, timeZone: string, rules: BookingRules): { from: LocalDate; to: LocalDate } {
  const today = instantToZoned(now, timeZone).date;
  return { from: today, to: addDays(today, rules.horizonDays) };
}

/** Bookable times per day for an already validated request. */
export function computeDays(query: SlotQuery): AvailabilityDay[] {
  if (diffDays(query.from, query.to) < 0) return [];
  const plan = planDays(query);
  const days: AvailabilityDay[] = [];
  for (let date = query.from; date <= query.to; date = addDays(date, 1)) days.push(evaluateDate(date, query, plan));
  return days;
}

/**
 * Is this exact start bookable now? The booking transaction calls this on the current database state, so a time
 * taken a moment ago is refused even if the citizen's page still showed it. Only the appointment's own span is
 * evaluated: the schedule needs to hold no more than the bookings overlapping it (the transaction reads just those),
 * and the answer is the one computeDays gives for this start (availability.test.ts compares them).
 */
export function findBookableSlot(query: Omit<SlotQuery, "from" | "to">, startsAt: Date): Slot | null {
  const date = instantToZoned(startsAt, query.schedule.location.timeZone).date;
  const dayQuery = { ...query, from: date, to: date };
  const day = evaluateDate(date, dayQuery, planDays(dayQuery), startsAt.getTime());
  return day.slots.find((slot) => slot.startsAt.getTime() === startsAt.getTime()) ?? null;
}

/**
 * Whether the `count` free times nearest to `target` found within [fromMs, toMs) are the nearest of all: every time
 * outside the range lies at least as far from the target as the range's nearer edge, so a search may look at the
 * wished-for day first and read more days only when this is false.
 */
export function nearestSlotsSettled(nearest: readonly Slot[], count: number, target: Date, fromMs: number, toMs: number): boolean {
  if (nearest.length < count) return false;
  const targetMs = target.getTime();
  const farthest = Math.max(...nearest.map((slot) => Math.abs(slot.startsAt.getTime() - targetMs)));
  return farthest < Math.min(targetMs - fromMs, toMs - targetMs);
}

/** The free times closest to a wished-for time, earlier or later, nearest first. */
export function nearestSlots(days: readonly AvailabilityDay[], target: Date, count: number): Slot[] {
  const targetMs = target.getTime();
  return days
    .flatMap((day) => day.slots)
    .filter((slot) => slot.startsAt.getTime() !== targetMs)
    .sort(
      (a, b) =>
        Math.abs(a.startsAt.getTime() - targetMs) - Math.abs(b.startsAt.getTime() - targetMs) ||
        a.startsAt.getTime() - b.startsAt.getTime(),
    )
    .slice(0, count)
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
}

// ---------------------------------------------------------------------------------------------------------------

type TimedPiece<T> = T & { startMs: number; endMs: number };
type TimedBooking = TimedPiece<ExistingBooking>;

type Segment = {
  startMs: number;
  endMs: number;
  isClosed: boolean;
  /** Free counters for this request, with existing bookings taken into account. */
  remaining: number;
  /** Counters this request could use on an empty day: tells "fully booked" from "no capacity". */
  nominal: number;
};

/** What every day of a query shares: computed once per query, not per day. */
type DayPlan = {
  today: LocalDate;
  lastBookableDate: LocalDate;
  earliestStartMs: number;
  holidays: ReadonlyMap<LocalDate, Holiday>;
  bookingsByStart: TimedBooking[];
  longestBookingMs: number;
};

function planDays(query: SlotQuery): DayPlan {
  const { schedule, rules, now } = query;
  const { timeZone, federalState } = schedule.location;
  const today = instantToZoned(now, timeZone).date;
  // Instants as numbers once per call: the per-day loops below touch every booking many times.
  // Built field by field rather than by spreading: one object shape keeps this hot loop fast.
  const bookingsByStart: TimedBooking[] = schedule.bookings
    .map((b) => ({ id: b.id, startsAt: b.startsAt, endsAt: b.endsAt, channel: b.channel, concernIds: b.concernIds, startMs: b.startsAt.getTime(), endMs: b.endsAt.getTime() }))
    .sort((a, b) => a.startMs - b.startMs);
  return {
    today,
    lastBookableDate: addDays(today, rules.horizonDays),
    earliestStartMs: query.audience === "online" ? now.getTime() + rules.leadTimeMinutes * MS_PER_MINUTE : now.getTime(),
    holidays: holidaysBetween(query.from, query.to, federalState),
    bookingsByStart,
    longestBookingMs: bookingsByStart.reduce((max, b) => Math.max(max, b.endMs - b.startMs), 0),
  };
}

/**
 * One day of a query. With `onlyStartMs`, only that start is evaluated, over its own span: the segments and bookings
 * of the rest of the day cannot change whether it is free (every piece's edges are segment boundaries, so cutting
 * the day at the span's edges changes no segment's value). The status then speaks for that start alone.
 */
function evaluateDate(date: LocalDate, query: SlotQuery, plan: DayPlan, onlyStartMs?: number): AvailabilityDay {
  const base = { date, weekday: isoWeekday(date), holiday: null as Holiday | null, slots: [] as Slot[] };
  if (date < plan.today) return { ...base, status: "past" };
  if (date > plan.lastBookableDate) return { ...base, status: "beyond_horizon" };
  const holiday = plan.holidays.get(date) ?? null;
  if (holiday) return { ...base, holiday, status: "holiday" };
  const { timeZone } = query.schedule.location;
  const rangeStartMs = onlyStartMs ?? zonedToInstant(date, 0, timeZone).getTime();
  const rangeEndMs = onlyStartMs === undefined ? zonedToInstant(addDays(date, 1), 0, timeZone).getTime() : onlyStartMs + query.durationMinutes * MS_PER_MINUTE;
  const rangeBookings = bookingsOverlapping(plan.bookingsByStart, plan.longestBookingMs, rangeStartMs, rangeEndMs);
  const evaluation = evaluateDay(date, base.weekday, query, rangeStartMs, rangeEndMs, rangeBookings, plan.earliestStartMs, onlyStartMs);
  return { ...base, status: evaluation.status, slots: evaluation.slots };
}

function evaluateDay(
  date: LocalDate,
  weekday: IsoWeekday,
  query: SlotQuery,
  rangeStartMs: number,
  rangeEndMs: number,
  rangeBookings: readonly TimedBooking[],
  earliestStartMs: number,
  onlyStartMs: number | undefined,
): { status: DayStatus; slots: Slot[] } {
  const { schedule, rules } = query;
  const { timeZone } = schedule.location;
  const onGrid = candidateStarts(date, weekday, schedule.openingHours, timeZone, rules.slotGridMinutes, query.durationMinutes);
  const candidates = onlyStartMs === undefined ? onGrid : onGrid.filter((startMs) => startMs === onlyStartMs);
  if (candidates.length === 0) return { status: "closed", slots: [] };

  const segments = buildSegments(date, query, rangeStartMs, rangeEndMs, rangeBookings);
  const durationMs = query.durationMinutes * MS_PER_MINUTE;

  let anyOpen = false;
  let anyCapacity = false;
  let anyTimely = false;
  const slots: Slot[] = [];
  for (const startMs of candidates) {
    const endMs = startMs + durationMs;
    const span = summariseSpan(segments, startMs, endMs);
    if (span.isClosed) continue;
    anyOpen = true;
    if (span.nominal <= 0) continue;
    anyCapacity = true;
    if (startMs < earliestStartMs) continue;
    anyTimely = true;
    if (span.remaining > 0) slots.push({ startsAt: new Date(startMs), endsAt: new Date(endMs), remaining: span.remaining });
  }

  if (!anyOpen) return { status: "closure", slots: [] };
  if (!anyCapacity) return { status: "no_capacity", slots: [] };
  if (!anyTimely) return { status: "too_soon", slots: [] };
  if (slots.length === 0) return { status: "fully_booked", slots: [] };
  return { status: "available", slots };
}

/**
 * Grid-aligned start instants whose whole appointment fits in one opening range. Stepping in real time from the
 * range start keeps daylight-saving days right: no start inside the spring gap, both 02:xx hours in autumn.
 */
function candidateStarts(
  date: LocalDate,
  weekday: IsoWeekday,
  openingHours: readonly OpeningRange[],
  timeZone: string,
  gridMinutes: number,
  durationMinutes: number,
): number[] {
  const stepMs = gridMinutes * MS_PER_MINUTE;
  const durationMs = durationMinutes * MS_PER_MINUTE;
  const starts = new Set<number>();
  for (const range of openingHours) {
    if (range.weekday !== weekday) continue;
    const alignedStartMinute = Math.ceil(range.startMinute / gridMinutes) * gridMinutes;
    if (alignedStartMinute >= range.endMinute) continue;
    const rangeEndMs = zonedToInstant(date, range.endMinute, timeZone).getTime();
    for (let startMs = zonedToInstant(date, alignedStartMinute, timeZone).getTime(); startMs + durationMs <= rangeEndMs; startMs += stepMs) {
      starts.add(startMs);
    }
  }
  return [...starts].sort((a, b) => a - b);
}

function buildSegments(
  date: LocalDate,
  query: SlotQuery,
  rangeStartMs: number,
  rangeEndMs: number,
  rangeBookings: readonly TimedBooking[],
): Segment[] {
  const { schedule, audience, concernIds } = query;
  const { timeZone } = schedule.location;
  const toPiece = <T extends MinuteRange>(rule: T): TimedPiece<T> => ({
    ...rule,
    startMs: zonedToInstant(date, rule.startMinute, timeZone).getTime(),
    endMs: zonedToInstant(date, rule.endMinute, timeZone).getTime(),
  });
  const windows = schedule.capacityWindows.filter((w) => ruleAppliesOn(w, date)).map(toPiece);
  const walkIns = schedule.walkInBlocks.filter((b) => ruleAppliesOn(b, date)).map(toPiece);
  const closures = schedule.closures
    .map((c) => ({ startMs: Math.max(c.startsAt.getTime(), rangeStartMs), endMs: Math.min(c.endsAt.getTime(), rangeEndMs) }))
    .filter((c) => c.startMs < c.endMs);
  const bookings = rangeBookings;

  const boundaries = new Set<number>([rangeStartMs, rangeEndMs]);
  for (const piece of [...windows, ...walkIns, ...closures, ...bookings]) {
    if (piece.startMs > rangeStartMs && piece.startMs < rangeEndMs) boundaries.add(piece.startMs);
    if (piece.endMs > rangeStartMs && piece.endMs < rangeEndMs) boundaries.add(piece.endMs);
  }
  const points = [...boundaries].sort((a, b) => a - b);

  // Sweep over the segments: bookings enter at their start and leave at their end (both are segment boundaries).
  const byStart = bookings;
  const byEnd = [...bookings].sort((a, b) => a.endMs - b.endMs);
  let nextStart = 0;
  let nextEnd = 0;
  const active = new Set<ExistingBooking>();
  const covers = (piece: { startMs: number; endMs: number }, startMs: number, endMs: number) =>
    piece.startMs <= startMs && piece.endMs >= endMs;

  const segments: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const startMs = points[i]!;
    const endMs = points[i + 1]!;
    while (nextEnd < byEnd.length && byEnd[nextEnd]!.endMs <= startMs) active.delete(byEnd[nextEnd++]!);
    while (nextStart < byStart.length && byStart[nextStart]!.startMs <= startMs) {
      const booking = byStart[nextStart++]!;
      if (booking.endMs > startMs) active.add(booking);
    }
    const activeWindows = windows.filter((w) => covers(w, startMs, endMs));
    const walkInCounters = walkIns.reduce((sum, b) => (covers(b, startMs, endMs) ? sum + b.counters : sum), 0);
    const isClosed = closures.some((c) => c.startMs < endMs && c.endMs > startMs);
    if (activeWindows.length === 0) {
      segments.push({ startMs, endMs, isClosed, remaining: 0, nominal: 0 });
      continue;
    }
    segments.push({
      startMs,
      endMs,
      isClosed,
      remaining: freeCounters(activeWindows, walkInCounters, active, concernIds, audience),
      nominal: freeCounters(activeWindows, walkInCounters, EMPTY, concernIds, audience),
    });
  }
  return segments;
}

const EMPTY: ReadonlySet<ExistingBooking> = new Set();


function summariseSpan(segments: readonly Segment[], startMs: number, endMs: number) {
  let isClosed = false;
  let remaining = Infinity;
  let nominal = Infinity;
  // Segments are contiguous and ordered: find the one containing the start, then walk until the end.
  let low = 0;
  let high = segments.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (segments[mid]!.endMs <= startMs) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.startMs >= endMs) break;
    isClosed ||= segment.isClosed;
    remaining = Math.min(remaining, segment.remaining);
    nominal = Math.min(nominal, segment.nominal);
  }
  return { isClosed, remaining: remaining === Infinity ? 0 : remaining, nominal: nominal === Infinity ? 0 : nominal };
}

type Pool = { concernIds: ReadonlySet<number> | null; online: number; staff: number };

const servesAll = (pool: Pool, concernIds: readonly number[]) =>
  pool.concernIds === null || concernIds.every((id) => pool.concernIds!.has(id));

/**
 * Free counters a new appointment for `concernIds` could use while the given windows, walk-in reservation and
 * bookings are in force. Bookings are placed greedily: the most constrained booking first, each into the most
 * specialised window that serves it. That is exact for the usual setups (general counters plus dedicated ones);
 * a booking that fits nowhere (capacity was cut after it was made) is subtracted from what is left.
 */
function freeCounters(
  windows: readonly (CapacityWindow & { startMs: number })[],
  walkInCounters: number,
  bookings: ReadonlySet<ExistingBooking>,
  concernIds: readonly number[],
  audience: AvailabilityAudience,
): number {
  if (windows.every((w) => w.concernIds === null)) return freeGeneralCounters(windows, walkInCounters, bookings, audience);

  // Most specialised first, so greedy placement keeps general counters for whatever only they can serve.
  const pools: Pool[] = windows
    .map((w) => ({ concernIds: w.concernIds ? new Set(w.concernIds) : null, online: w.onlineCounters, staff: w.staffCounters }))
    .sort((a, b) => (a.concernIds?.size ?? Infinity) - (b.concernIds?.size ?? Infinity));

  reserveForWalkIns(pools, walkInCounters);

  let walkInSeatsLeft = walkInCounters;
  let overflow = 0;
  const placeable = [...bookings]
    .filter((booking) => {
      if (booking.channel !== "walk_in" || walkInSeatsLeft <= 0) return true;
      walkInSeatsLeft -= 1;
      return false;
    })
    .map((booking) => ({ booking, eligible: pools.filter((pool) => servesAll(pool, booking.concernIds)) }))
    .sort((a, b) => a.eligible.length - b.eligible.length);

  for (const { booking, eligible } of placeable) {
    const order: ("online" | "staff")[] = booking.channel === "online" ? ["online", "staff"] : ["staff", "online"];
    const placed = order.some((part) => {
      const pool = eligible.find((p) => p[part] > 0);
      if (pool) pool[part] -= 1;
      return pool !== undefined;
    });
    if (!placed) overflow += 1;
  }

  const eligibleForRequest = pools.filter((pool) => servesAll(pool, concernIds));
  const free = eligibleForRequest.reduce((sum, pool) => sum + pool.online + (audience === "staff" ? pool.staff : 0), 0);
  return Math.max(0, free - overflow);
}

/**
 * The same placement when every window serves every concern: then all counters form one pool and the greedy result
 * no longer depends on the order of bookings, so it reduces to arithmetic (the engine's hot path).
 */
function freeGeneralCounters(
  windows: readonly CapacityWindow[],
  walkInCounters: number,
  bookings: ReadonlySet<ExistingBooking>,
  audience: AvailabilityAudience,
): number {
  let online = 0;
  let staff = 0;
  for (const w of windows) {
    online += w.onlineCounters;
    staff += w.staffCounters;
  }
  const reservedFromOnline = Math.min(walkInCounters, online);
  online -= reservedFromOnline;
  staff -= Math.min(walkInCounters - reservedFromOnline, staff);

  let onlineBookings = 0;
  let staffBookings = 0;
  let walkInBookings = 0;
  for (const booking of bookings) {
    if (booking.channel === "online") onlineBookings += 1;
    else if (booking.channel === "walk_in") walkInBookings += 1;
    else staffBookings += 1;
  }
  staffBookings += Math.max(0, walkInBookings - walkInCounters);

  // Each kind fills its own part first and spills into the other; whatever fits nowhere is overflow.
  const onlineSpill = Math.max(0, onlineBookings - online);
  const staffSpill = Math.max(0, staffBookings - staff);
  const freeOnline = Math.max(0, online - onlineBookings - staffSpill);
  const freeStaff = Math.max(0, staff - staffBookings - onlineSpill);
  const overflow = Math.max(0, onlineSpill - Math.max(0, staff - staffBookings)) + Math.max(0, staffSpill - Math.max(0, online - onlineBookings));
  const free = freeOnline + (audience === "staff" ? freeStaff : 0);
  return Math.max(0, free - overflow);
}

/** Walk-in counters come out of general online counters first, then general staff-only, then specialised ones. */
function reserveForWalkIns(pools: Pool[], counters: number): void {
  let left = counters;
  const general = pools.filter((p) => p.concernIds === null);
  const specialised = pools.filter((p) => p.concernIds !== null);
  for (const group of [general, specialised]) {
    for (const part of ["online", "staff"] as const) {
      for (const pool of group) {
        const taken = Math.min(left, pool[part]);
        pool[part] -= taken;
        left -= taken;
      }
    }
  }
}

/** Bookings (sorted by start) that overlap [fromMs, toMs). */
function bookingsOverlapping(sortedByStart: readonly TimedBooking[], longestMs: number, fromMs: number, toMs: number): TimedBooking[] {
  // Binary search for the first booking that could still reach into the range.
  let low = 0;
  let high = sortedByStart.length;
  const earliestRelevantStart = fromMs - longestMs;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sortedByStart[mid]!.startMs < earliestRelevantStart) low = mid + 1;
    else high = mid;
  }
  const result: TimedBooking[] = [];
  for (let i = low; i < sortedByStart.length; i++) {
    const booking = sortedByStart[i]!;
    if (booking.startMs >= toMs) break;
    if (booking.endMs > fromMs) result.push(booking);
  }
  return result;
}

export type CapacitySegment = {
  startsAt: Date;
  endsAt: Date;
  onlineCounters: number;
  staffCounters: number;
  walkInCounters: number;
  /** Capacity-holding bookings running in this segment. */
  booked: number;
  isClosed: boolean;
};

/**
 * The day's capacity as staff see it: counters from the windows, walk-in reservations and bookings in each segment
 * of constant state. Used by the day view to show free capacity; booking decisions use `computeDays`.
 */
export function capacityTimeline(schedule: LocationSchedule, date: LocalDate): CapacitySegment[] {
  const { timeZone } = schedule.location;
  const dayStartMs = zonedToInstant(date, 0, timeZone).getTime();
  const dayEndMs = zonedToInstant(addDays(date, 1), 0, timeZone).getTime();
  const piece = <T extends MinuteRange>(rule: T) => ({
    ...rule,
    startMs: zonedToInstant(date, rule.startMinute, timeZone).getTime(),
    endMs: zonedToInstant(date, rule.endMinute, timeZone).getTime(),
  });
  const windows = schedule.capacityWindows.filter((w) => ruleAppliesOn(w, date)).map(piece);
  const walkIns = schedule.walkInBlocks.filter((b) => ruleAppliesOn(b, date)).map(piece);
  const closures = schedule.closures.map((c) => ({ startMs: c.startsAt.getTime(), endMs: c.endsAt.getTime() }));
  const bookings = schedule.bookings.map((b) => ({ startMs: b.startsAt.getTime(), endMs: b.endsAt.getTime() }));
  const boundaries = new Set<number>([dayStartMs, dayEndMs]);
  for (const p of [...windows, ...walkIns, ...closures, ...bookings]) {
    for (const ms of [p.startMs, p.endMs]) if (ms > dayStartMs && ms < dayEndMs) boundaries.add(ms);
  }
  const points = [...boundaries].sort((a, b) => a - b);
  const covering = <P extends { startMs: number; endMs: number }>(list: P[], s: number, e: number) => list.filter((p) => p.startMs <= s && p.endMs >= e);
  return points.slice(0, -1).map((startMs, i) => {
    const endMs = points[i + 1]!;
    const active = covering(windows, startMs, endMs);
    return {
      startsAt: new Date(startMs),
      endsAt: new Date(endMs),
      onlineCounters: active.reduce((sum, w) => sum + w.onlineCounters, 0),
      staffCounters: active.reduce((sum, w) => sum + w.staffCounters, 0),
      walkInCounters: covering(walkIns, startMs, endMs).reduce((sum, b) => sum + b.counters, 0),
      booked: covering(bookings, startMs, endMs).length,
      isClosed: closures.some((c) => c.startMs < endMs && c.endMs > startMs),
    };
  });
}
