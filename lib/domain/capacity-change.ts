/**
 * What a change to one capacity rule would strand: the pure decision behind the capacity page's confirmation step.
 *
 * A change removes one opening range, capacity window or walk-in block, or narrows its time range. To find the
 * bookings that would no longer fit, the future bookings are placed again with the availability engine, as staff
 * could place them (every counter, no lead time, no horizon), once on today's rules and once on the changed ones.
 * Each day's bookings are replayed in the order given (booking order: earlier bookings keep their place); a booking
 * the engine places before the change but not after it is one the change strands. Bookings that already did not fit
 * are not blamed on the change: the capacity page lists those on their own.
 *
 * Pure: no clock, no database. The schedule carries the rules (with their row ids) and every capacity-holding booking
 * on the days concerned.
 */

import { findBookableSlot, type BookingRules, type ExistingBooking, type LocationSchedule, type MinuteRange } from "./availability";
import { addDays, instantToZoned, zonedToInstant, type LocalDate } from "./zoned-time";

export const RULE_KINDS = ["opening_hours", "capacity_window", "walk_in_block"] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/** One rule removed (no replacement) or given a narrower time range. */
export type RuleChange = { kind: RuleKind; id: number; replacement: MinuteRange | null };

/** A future booking to place again; `id` tells which ones a change strands. */
export type ReplayedBooking = ExistingBooking & { id: number };

const SCHEDULE_LIST = { opening_hours: "openingHours", capacity_window: "capacityWindows", walk_in_block: "walkInBlocks" } as const;

/** Staff can place a booking at any counter, at any time of an open day, however far ahead. */
const REPLAY_RULES: BookingRules = { leadTimeMinutes: 0, horizonDays: 100_000, slotGridMinutes: 5 };
const MS_PER_MINUTE = 60_000;

/** The schedule as it would be after the change; rules without the changed id stay as they are. */
export function applyRuleChange(schedule: LocationSchedule, change: RuleChange): LocationSchedule {
  const key = SCHEDULE_LIST[change.kind];
  const rules: readonly (MinuteRange & { id?: number })[] = schedule[key];
  const changed = rules.flatMap((rule) => (rule.id !== change.id ? [rule] : change.replacement ? [{ ...rule, ...change.replacement }] : []));
  return { ...schedule, [key]: changed };
}

export type ShorteningProblem = "end_before_start" | "outside_range" | "not_shorter";

/** A shortened range must lie within the current one and be shorter; widening a rule is adding one, not this. */
export function findShorteningProblem(current: MinuteRange, next: MinuteRange): ShorteningProblem | null {
  if (next.startMinute >= next.endMinute) return "end_before_start";
  if (next.startMinute < current.startMinute || next.endMinute > current.endMinute) return "outside_range";
  if (next.startMinute === current.startMinute && next.endMinute === current.endMinute) return "not_shorter";
  return null;
}

/**
 * Ids of the `replayed` bookings the schedule cannot hold, in the order given. `schedule.bookings` holds every
 * capacity-holding booking of the days concerned; those not replayed (under way, checked in) keep their counters.
 */
export function findUnplaceableBookings(schedule: LocationSchedule, replayed: readonly ReplayedBooking[]): number[] {
  const { timeZone } = schedule.location;
  const replayedIds = new Set(replayed.map((b) => b.id));
  const byDay = new Map<LocalDate, ReplayedBooking[]>();
  for (const booking of replayed) {
    const day = instantToZoned(booking.startsAt, timeZone).date;
    byDay.set(day, [...(byDay.get(day) ?? []), booking]);
  }
  const unplaceable: number[] = [];
  for (const [day, dayBookings] of byDay) {
    const dayStart = zonedToInstant(day, 0, timeZone);
    const dayEndMs = zonedToInstant(addDays(day, 1), 0, timeZone).getTime();
    const placed: ExistingBooking[] = schedule.bookings.filter(
      (b) => (b.id === undefined || !replayedIds.has(b.id)) && b.startsAt.getTime() < dayEndMs && b.endsAt.getTime() > dayStart.getTime(),
    );
    for (const booking of dayBookings) {
      const slot = findBookableSlot(
        {
          now: dayStart,
          schedule: { ...schedule, bookings: placed },
          rules: REPLAY_RULES,
          audience: "staff",
          concernIds: booking.concernIds,
          durationMinutes: Math.round((booking.endsAt.getTime() - booking.startsAt.getTime()) / MS_PER_MINUTE),
        },
        booking.startsAt,
      );
      if (slot) placed.push(booking);
      else unplaceable.push(booking.id);
    }
  }
  return unplaceable;
}

/** Ids of the bookings that fit today's rules but would no longer fit after the change, earliest first. */
export function findBookingsStrandedBy(schedule: LocationSchedule, replayed: readonly ReplayedBooking[], change: RuleChange): number[] {
  const alreadyUnplaceable = new Set(findUnplaceableBookings(schedule, replayed));
  const stranded = new Set(findUnplaceableBookings(applyRuleChange(schedule, change), replayed).filter((id) => !alreadyUnplaceable.has(id)));
  return replayed
    .filter((b) => stranded.has(b.id))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id - b.id)
    .map((b) => b.id);
}
