import { describe, expect, it } from "vitest";
import type { CapacityWindow, ExistingBooking, LocationSchedule, MinuteRange, OpeningRange, WalkInBlock } from "./availability";
import { applyRuleChange, findBookingsStrandedBy, findShorteningProblem, findUnplaceableBookings, type ReplayedBooking, type RuleChange } from "./capacity-change";
import { parseTimeOfDay, zonedToInstant, type IsoWeekday, type LocalDate } from "./zoned-time";

const TZ = "Europe/Berlin";
const TUESDAY: LocalDate = "2026-12-01";
const WEDNESDAY: LocalDate = "2026-12-02";
const PASSPORT = 10;
const VEHICLE = 12;

const minute = (time: string) => parseTimeOfDay(time)!;
const span = (start: string, end: string): MinuteRange => ({ startMinute: minute(start), endMinute: minute(end) });
const at = (date: LocalDate, time: string) => zonedToInstant(date, minute(time), TZ);

const range = (id: number, weekday: IsoWeekday, start: string, end: string): OpeningRange => ({ id, weekday, ...span(start, end) });
const window = (id: number, start: string, end: string, counters: Partial<CapacityWindow>): CapacityWindow => ({
  id,
  weekday: 2,
  validFrom: null,
  validUntil: null,
  ...span(start, end),
  onlineCounters: 0,
  staffCounters: 0,
  concernIds: null,
  ...counters,
});
const walkIn = (id: number, start: string, end: string, counters: number): WalkInBlock => ({ id, weekday: 2, validFrom: null, validUntil: null, ...span(start, end), counters });

/** Tuesday: mornings and a long afternoon; a general window all day plus a morning one, a vehicle counter, an open door. */
const RULES = {
  openingHours: [range(1, 2, "08:00", "12:00"), range(2, 2, "14:00", "18:00")],
  capacityWindows: [
    window(10, "08:00", "18:00", { onlineCounters: 1, staffCounters: 1 }),
    window(11, "08:00", "12:00", { onlineCounters: 1 }),
    window(12, "08:00", "12:00", { onlineCounters: 1, concernIds: [VEHICLE] }),
  ],
  walkInBlocks: [walkIn(20, "08:00", "10:00", 1)],
};

const booking = (id: number, date: LocalDate, start: string, minutes: number, concern = PASSPORT, channel: ExistingBooking["channel"] = "online"): ReplayedBooking => ({
  id,
  startsAt: at(date, start),
  endsAt: new Date(at(date, start).getTime() + minutes * 60_000),
  channel,
  concernIds: [concern],
});

const A = booking(1, TUESDAY, "09:00", 15);
const B = booking(2, TUESDAY, "09:00", 15);
const C = booking(3, TUESDAY, "15:00", 30, PASSPORT, "phone");
const D = booking(4, TUESDAY, "09:00", 30, VEHICLE);
/** Wednesday has no opening hours: this booking never fitted, and no change is to blame for it. */
const E = booking(5, WEDNESDAY, "10:00", 15);
const REPLAYED = [A, B, C, D, E];

function schedule(held: ExistingBooking[] = []): LocationSchedule {
  return { location: { id: 1, timeZone: TZ, federalState: "NI" }, ...RULES, closures: [], bookings: [...held, ...REPLAYED] };
}

describe("bookings a rule change strands", () => {
  it("today every Tuesday booking fits and Wednesday's does not", () => {
    expect(findUnplaceableBookings(schedule(), REPLAYED)).toEqual([E.id]);
  });

  it.each<{ name: string; change: RuleChange; stranded: ReplayedBooking[] }>([
    { name: "removing the morning opening hours strands every morning booking", change: { kind: "opening_hours", id: 1, replacement: null }, stranded: [A, B, D] },
    { name: "removing the afternoon opening hours strands the afternoon booking", change: { kind: "opening_hours", id: 2, replacement: null }, stranded: [C] },
    { name: "closing the afternoon before a booking ends strands it", change: { kind: "opening_hours", id: 2, replacement: span("14:00", "15:15") }, stranded: [C] },
    { name: "closing the afternoon right after the last booking strands nothing", change: { kind: "opening_hours", id: 2, replacement: span("14:00", "15:30") }, stranded: [] },
    { name: "opening later in the afternoon than a booking starts strands it", change: { kind: "opening_hours", id: 2, replacement: span("15:05", "18:00") }, stranded: [C] },
    { name: "removing a morning window leaves too few counters for the later of two bookings", change: { kind: "capacity_window", id: 11, replacement: null }, stranded: [B] },
    { name: "removing the vehicle counter: general counters are taken by earlier bookings", change: { kind: "capacity_window", id: 12, replacement: null }, stranded: [D] },
    { name: "removing the all-day window strands the general bookings, not the vehicle one", change: { kind: "capacity_window", id: 10, replacement: null }, stranded: [A, B, C] },
    { name: "ending the all-day window at noon strands the afternoon booking", change: { kind: "capacity_window", id: 10, replacement: span("08:00", "12:00") }, stranded: [C] },
    { name: "removing the open door frees counters and strands nothing", change: { kind: "walk_in_block", id: 20, replacement: null }, stranded: [] },
    { name: "a rule that does not exist changes nothing", change: { kind: "capacity_window", id: 99, replacement: null }, stranded: [] },
    { name: "an id of another kind of rule is not confused with it", change: { kind: "walk_in_block", id: 1, replacement: null }, stranded: [] },
  ])("$name", ({ change, stranded }) => {
    expect(findBookingsStrandedBy(schedule(), REPLAYED, change)).toEqual(stranded.map((b) => b.id));
  });

  it("bookings under way keep their counters: the replayed ones give way", () => {
    // Without it, removing the morning window strands B (see above); with a booking at the counter since 08:55, A
    // takes the last counter after the change and B no longer fitted before it, so only A is the change's doing.
    const underWay: ExistingBooking = { id: 90, startsAt: at(TUESDAY, "08:55"), endsAt: at(TUESDAY, "09:20"), channel: "online", concernIds: [PASSPORT] };
    expect(findUnplaceableBookings(schedule([underWay]), REPLAYED)).toEqual([B.id, E.id]);
    expect(findBookingsStrandedBy(schedule([underWay]), REPLAYED, { kind: "capacity_window", id: 11, replacement: null })).toEqual([A.id]);
  });

  it("earlier bookings keep their place: the replay order decides who is stranded", () => {
    expect(findBookingsStrandedBy(schedule(), [B, A, C, D], { kind: "capacity_window", id: 11, replacement: null })).toEqual([A.id]);
  });
});

describe("applying a change to the schedule", () => {
  it("removes or narrows only the rule with that id and kind", () => {
    const removed = applyRuleChange(schedule(), { kind: "capacity_window", id: 11, replacement: null });
    expect(removed.capacityWindows.map((w) => w.id)).toEqual([10, 12]);
    expect(removed.openingHours).toEqual(RULES.openingHours);
    const narrowed = applyRuleChange(schedule(), { kind: "walk_in_block", id: 20, replacement: span("08:00", "09:00") });
    expect(narrowed.walkInBlocks).toEqual([{ ...RULES.walkInBlocks[0], endMinute: minute("09:00") }]);
  });
});

describe("what counts as shortening", () => {
  const current = span("08:00", "12:00");
  it.each([
    { next: span("08:00", "11:00"), problem: null },
    { next: span("09:00", "12:00"), problem: null },
    { next: span("09:00", "10:00"), problem: null },
    { next: span("08:00", "12:00"), problem: "not_shorter" },
    { next: span("07:00", "11:00"), problem: "outside_range" },
    { next: span("09:00", "12:30"), problem: "outside_range" },
    { next: span("10:00", "10:00"), problem: "end_before_start" },
    { next: span("11:00", "09:00"), problem: "end_before_start" },
  ])("$next.startMinute–$next.endMinute: $problem", ({ next, problem }) => {
    expect(findShorteningProblem(current, next)).toBe(problem);
  });
});
