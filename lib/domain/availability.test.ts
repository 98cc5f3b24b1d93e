import { describe, expect, it } from "vitest";
import {
  computeAvailability,
  computeDays,
  findBookableSlot,
  nearestSlots,
  nearestSlotsSettled,
  type AvailabilityDay,
  type BookingRules,
  type CapacityWindow,
  type ExistingBooking,
  type LocationSchedule,
  type OpeningRange,
  type WalkInBlock,
} from "./availability";
import type { CatalogueConcern, RequestedItem } from "./booking-request";
import type { AvailabilityAudience, BookingChannel } from "./enums";
import { addDays, formatTimeOfDay, instantToZoned, parseTimeOfDay, zonedToInstant, type IsoWeekday, type LocalDate } from "./zoned-time";

const TZ = "Europe/Berlin";
const MAIN = 1;
const BRANCH = 2;
const PASSPORT = 10; // 15 min, up to 4
const ID_CARD = 11; // 10 min
const VEHICLE = 12; // 30 min, main office only
const CERTIFICATE = 13; // 10 min

const catalogue = new Map<number, CatalogueConcern>([
  [PASSPORT, { id: PASSPORT, durationMinutes: 15, maxQuantity: 4, active: true, locationIds: [MAIN, BRANCH] }],
  [ID_CARD, { id: ID_CARD, durationMinutes: 10, maxQuantity: 4, active: true, locationIds: [MAIN, BRANCH] }],
  [VEHICLE, { id: VEHICLE, durationMinutes: 30, maxQuantity: 3, active: true, locationIds: [MAIN] }],
  [CERTIFICATE, { id: CERTIFICATE, durationMinutes: 10, maxQuantity: 1, active: false, locationIds: [MAIN] }],
]);

const at = (date: LocalDate, time: string): Date => zonedToInstant(date, parseTimeOfDay(time)!, TZ);
const hm = (instant: Date): string => formatTimeOfDay(instantToZoned(instant, TZ).minutesOfDay);
const minute = (time: string) => parseTimeOfDay(time)!;
const weekBefore = (date: LocalDate): Date => at(addDays(date, -7), "08:00");

const range = (weekday: IsoWeekday, start: string, end: string): OpeningRange => ({
  weekday,
  startMinute: minute(start),
  endMinute: minute(end),
});

/** Mon–Fri 08:00–12:00, a long Tuesday afternoon 14:00–18:00 and a short Thursday afternoon 14:00–16:00. */
const OPENING_HOURS: OpeningRange[] = [
  ...([1, 2, 3, 4, 5] as const).map((day) => range(day, "08:00", "12:00")),
  range(2, "14:00", "18:00"),
  range(4, "14:00", "16:00"),
];

function window(overrides: Partial<CapacityWindow> = {}): CapacityWindow {
  return {
    weekday: null,
    validFrom: null,
    validUntil: null,
    startMinute: minute("07:00"),
    endMinute: minute("19:00"),
    onlineCounters: 2,
    staffCounters: 1,
    concernIds: null,
    ...overrides,
  };
}

function walkIn(overrides: Partial<WalkInBlock>): WalkInBlock {
  return { weekday: null, validFrom: null, validUntil: null, startMinute: 0, endMinute: 0, counters: 1, ...overrides };
}

function booking(date: LocalDate, start: string, end: string, channel: BookingChannel = "online", concernIds = [PASSPORT]): ExistingBooking {
  return { startsAt: at(date, start), endsAt: at(date, end), channel, concernIds };
}

function schedule(overrides: Partial<LocationSchedule> = {}): LocationSchedule {
  return {
    location: { id: MAIN, timeZone: TZ, federalState: "NI" },
    openingHours: OPENING_HOURS,
    capacityWindows: [window()],
    walkInBlocks: [],
    closures: [],
    bookings: [],
    ...overrides,
  };
}

/** Deterministic pseudo-random numbers. */
const prng = (seed: number) => () => {
  seed = (seed * 1664525 + 1013904223) % 4294967296;
  return seed / 4294967296;
};

const RULES: BookingRules = { leadTimeMinutes: 120, horizonDays: 56, slotGridMinutes: 15 };
const NOW = at("2026-11-24", "08:00"); // a Tuesday, a week before the days under test

type Scenario = {
  now?: Date;
  items?: RequestedItem[];
  audience?: AvailabilityAudience;
  schedule?: LocationSchedule;
  rules?: BookingRules;
  from: LocalDate;
  to?: LocalDate;
};

function run(s: Scenario) {
  const result = computeAvailability({
    now: s.now ?? NOW,
    schedule: s.schedule ?? schedule(),
    rules: s.rules ?? RULES,
    audience: s.audience ?? "online",
    items: s.items ?? [{ concernId: ID_CARD, quantity: 1 }],
    catalogue,
    from: s.from,
    to: s.to ?? s.from,
  });
  if (!result.ok) throw new Error(`unexpected problem ${JSON.stringify(result.problem)}`);
  return result;
}

const onlyDay = (s: Scenario): AvailabilityDay => {
  const [day] = run(s).days;
  return day!;
};
const times = (s: Scenario) => onlyDay(s).slots.map((slot) => hm(slot.startsAt));
const remainingAt = (s: Scenario, time: string) => onlyDay(s).slots.find((slot) => hm(slot.startsAt) === time)?.remaining ?? 0;

const quarterHours = (from: string, to: string) => {
  const list: string[] = [];
  for (let m = minute(from); m <= minute(to); m += 15) list.push(formatTimeOfDay(m));
  return list;
};

describe("opening ranges, lunch break and the last slot of a range", () => {
  it.each([
    {
      name: "a morning-only Monday offers every quarter hour up to the last that still fits",
      scenario: { from: "2026-11-30" },
      expected: quarterHours("08:00", "11:45"),
    },
    {
      name: "the long Tuesday has two ranges around the lunch break",
      scenario: { from: "2026-12-01" },
      expected: [...quarterHours("08:00", "11:45"), ...quarterHours("14:00", "17:45")],
    },
    {
      name: "a 30-minute appointment must end by 12:00 and by 18:00",
      scenario: { from: "2026-12-01", items: [{ concernId: PASSPORT, quantity: 2 }] },
      expected: [...quarterHours("08:00", "11:30"), ...quarterHours("14:00", "17:30")],
    },
    {
      name: "several ranges on Thursday: short afternoon until 16:00",
      scenario: { from: "2026-12-03" },
      expected: [...quarterHours("08:00", "11:45"), ...quarterHours("14:00", "15:45")],
    },
    {
      name: "a 150-minute appointment fits the 4-hour morning but not the 2-hour afternoon",
      scenario: { from: "2026-12-03", items: [{ concernId: VEHICLE, quantity: 3 }, { concernId: PASSPORT, quantity: 4 }] },
      expected: quarterHours("08:00", "09:30"),
    },
  ])("$name", ({ scenario, expected }) => {
    expect(times(scenario)).toEqual(expected);
  });

  it("never offers a start in the lunch break, nor one that runs into it", () => {
    const list = times({ from: "2026-12-01", items: [{ concernId: PASSPORT, quantity: 2 }] });
    expect(list.filter((t) => t >= "11:31" && t < "14:00")).toEqual([]);
  });

  it("aligns starts to the grid even when a range starts off the grid", () => {
    const s = schedule({ openingHours: [range(1, "08:10", "09:00")] });
    expect(times({ schedule: s, from: "2026-11-30" })).toEqual(["08:15", "08:30", "08:45"]);
  });

  it.each([
    { date: "2026-11-28", status: "closed", why: "Saturday has no opening hours" },
    { date: "2026-11-29", status: "closed", why: "Sunday has no opening hours" },
    { date: "2026-11-30", status: "available", why: "Monday is open" },
  ])("$date is $status: $why", ({ date, status }) => {
    expect(onlyDay({ from: date }).status).toBe(status);
  });
});

describe("lead time, past days and horizon", () => {
  it.each([
    {
      name: "online: two hours lead time after 09:05 means 11:15 at the earliest",
      now: at("2026-12-01", "09:05"),
      audience: "online" as const,
      first: "11:15",
    },
    { name: "staff: only the next grid time after now", now: at("2026-12-01", "09:05"), audience: "staff" as const, first: "09:15" },
    { name: "online: exactly on the grid is allowed", now: at("2026-12-01", "09:00"), audience: "online" as const, first: "11:00" },
    {
      name: "online: lead time reaches into the afternoon range",
      now: at("2026-12-01", "10:30"),
      audience: "online" as const,
      first: "14:00",
    },
  ])("$name", ({ now, audience, first }) => {
    expect(times({ now, audience, from: "2026-12-01" })[0]).toBe(first);
  });

  it.each([
    { name: "today after the last possible start is too soon", now: at("2026-12-01", "16:00"), date: "2026-12-01", status: "too_soon" },
    { name: "yesterday is past", now: NOW, date: "2026-11-23", status: "past" },
    { name: "the horizon's last day (today + 56) is bookable", now: NOW, date: "2027-01-19", status: "available" },
    { name: "the day after the horizon is not", now: NOW, date: "2027-01-20", status: "beyond_horizon" },
  ])("$name", ({ now, date, status }) => {
    expect(onlyDay({ now, from: date }).status).toBe(status);
  });

  it("a lead time of one day moves the first online time to the next working day", () => {
    const result = run({ now: at("2026-12-04", "10:00"), rules: { ...RULES, leadTimeMinutes: 24 * 60 }, from: "2026-12-04", to: "2026-12-08" });
    expect(result.days.map((d) => d.status)).toEqual(["too_soon", "closed", "closed", "available", "available"]);
    expect(hm(result.days[3]!.slots[0]!.startsAt)).toBe("08:00");
    expect(result.firstAvailableDate).toBe("2026-12-07");
  });
});

describe("capacity: 1 and n counters, online and staff-only", () => {
  const oneCounter = schedule({ capacityWindows: [window({ onlineCounters: 1, staffCounters: 0 })] });

  it.each([
    { name: "capacity 1: the booked quarter is gone", time: "09:00", free: 0 },
    { name: "capacity 1: the quarter before is free", time: "08:45", free: 1 },
    { name: "capacity 1: the quarter after is free", time: "09:15", free: 1 },
  ])("$name", ({ time, free }) => {
    const s = schedule({ ...oneCounter, bookings: [booking("2026-12-01", "09:00", "09:15")] });
    expect(remainingAt({ schedule: s, from: "2026-12-01" }, time)).toBe(free);
  });

  it("capacity 1: a 30-minute appointment cannot start 15 minutes before a booking", () => {
    const s = schedule({ ...oneCounter, bookings: [booking("2026-12-01", "09:00", "09:15")] });
    const list = times({ schedule: s, from: "2026-12-01", items: [{ concernId: PASSPORT, quantity: 2 }] });
    expect(list).toContain("08:30");
    expect(list).not.toContain("08:45");
    expect(list).not.toContain("09:00");
    expect(list).toContain("09:15");
  });

  it.each([
    { bookings: 0, online: 2, staff: 3 },
    { bookings: 1, online: 1, staff: 2 },
    { bookings: 2, online: 0, staff: 1 },
    { bookings: 3, online: 0, staff: 0 },
  ])("capacity n (2 online + 1 staff-only) with $bookings online bookings: online $online, staff $staff", ({ bookings, online, staff }) => {
    const list = Array.from({ length: bookings }, () => booking("2026-12-01", "09:00", "09:15"));
    const s = schedule({ bookings: list });
    expect(remainingAt({ schedule: s, from: "2026-12-01", audience: "online" }, "09:00")).toBe(online);
    expect(remainingAt({ schedule: s, from: "2026-12-01", audience: "staff" }, "09:00")).toBe(staff);
  });

  it.each([
    { channel: "phone" as const, online: 2, why: "a phone booking sits on the staff-only counter" },
    { channel: "online" as const, online: 1, why: "an online booking uses an online counter" },
  ])("$why", ({ channel, online }) => {
    const s = schedule({ bookings: [booking("2026-12-01", "09:00", "09:15", channel)] });
    expect(remainingAt({ schedule: s, from: "2026-12-01", audience: "online" }, "09:00")).toBe(online);
  });

  it("staff-only counters are invisible online but bookable by staff", () => {
    const s = schedule({ capacityWindows: [window({ onlineCounters: 0, staffCounters: 2 })] });
    expect(onlyDay({ schedule: s, from: "2026-12-01", audience: "online" }).status).toBe("no_capacity");
    expect(remainingAt({ schedule: s, from: "2026-12-01", audience: "staff" }, "09:00")).toBe(2);
  });

  it("a fully booked day says so", () => {
    const full = [booking("2026-11-30", "08:00", "12:00")];
    const s = schedule({ ...oneCounter, bookings: full });
    expect(onlyDay({ schedule: s, from: "2026-11-30" }).status).toBe("fully_booked");
  });

  it("a capacity cut below existing bookings never yields negative capacity", () => {
    const s = schedule({
      ...oneCounter,
      bookings: [booking("2026-12-01", "09:00", "09:15"), booking("2026-12-01", "09:00", "09:15")],
    });
    expect(remainingAt({ schedule: s, from: "2026-12-01", audience: "staff" }, "09:00")).toBe(0);
  });

  it("windows can differ by weekday and by date range", () => {
    const s = schedule({
      capacityWindows: [
        window({ weekday: 1, onlineCounters: 1 }),
        window({ validFrom: "2026-12-01", validUntil: "2026-12-01", onlineCounters: 3 }),
      ],
    });
    expect(remainingAt({ schedule: s, from: "2026-11-30" }, "09:00")).toBe(1);
    expect(remainingAt({ schedule: s, from: "2026-12-01" }, "09:00")).toBe(3);
    expect(onlyDay({ schedule: s, from: "2026-12-02" }).status).toBe("no_capacity");
  });

  it("capacity only part of a range limits the times to that part", () => {
    const s = schedule({ capacityWindows: [window({ startMinute: minute("10:00"), endMinute: minute("11:00") })] });
    expect(times({ schedule: s, from: "2026-11-30" })).toEqual(quarterHours("10:00", "10:45"));
  });
});

describe("concern-restricted windows", () => {
  const s = (bookings: ExistingBooking[] = []) =>
    schedule({
      capacityWindows: [window({ onlineCounters: 1, staffCounters: 0 }), window({ onlineCounters: 1, staffCounters: 0, concernIds: [VEHICLE] })],
      bookings,
    });

  it.each([
    { name: "vehicle requests may use the vehicle counter and the general one", concern: VEHICLE, bookings: [], free: 2 },
    { name: "passport requests only the general counter", concern: PASSPORT, bookings: [], free: 1 },
    {
      name: "a vehicle booking goes to the vehicle counter, leaving the general one",
      concern: PASSPORT,
      bookings: [booking("2026-12-01", "09:00", "09:30", "online", [VEHICLE])],
      free: 1,
    },
    {
      name: "two vehicle bookings fill both counters",
      concern: PASSPORT,
      bookings: [booking("2026-12-01", "09:00", "09:30", "online", [VEHICLE]), booking("2026-12-01", "09:00", "09:30", "online", [VEHICLE])],
      free: 0,
    },
    {
      name: "a combined vehicle + passport booking cannot use the vehicle-only counter",
      concern: VEHICLE,
      bookings: [booking("2026-12-01", "09:00", "09:30", "online", [VEHICLE, PASSPORT])],
      free: 1,
    },
  ])("$name", ({ concern, bookings, free }) => {
    expect(remainingAt({ schedule: s(bookings), from: "2026-12-01", items: [{ concernId: concern, quantity: 1 }] }, "09:00")).toBe(free);
  });
});

describe("walk-in blocks (open door)", () => {
  const wednesdayOpenDoor = walkIn({ weekday: 3, startMinute: minute("08:00"), endMinute: minute("10:00"), counters: 2 });

  it.each([
    { audience: "online" as const, time: "08:00", free: 0, why: "both online counters are kept for walk-ins" },
    { audience: "online" as const, time: "09:45", free: 0, why: "an appointment may not start in the block" },
    { audience: "online" as const, time: "10:00", free: 2, why: "after the block online is back" },
    { audience: "staff" as const, time: "08:00", free: 1, why: "staff still have the staff-only counter" },
  ])("$audience at $time: $free ($why)", ({ audience, time, free }) => {
    const s = schedule({ walkInBlocks: [wednesdayOpenDoor] });
    expect(remainingAt({ schedule: s, from: "2026-12-02", audience }, time)).toBe(free);
  });

  it("an appointment may not run into the block", () => {
    const s = schedule({ walkInBlocks: [walkIn({ weekday: 1, startMinute: minute("10:00"), endMinute: minute("12:00"), counters: 3 })] });
    expect(times({ schedule: s, from: "2026-11-30", items: [{ concernId: PASSPORT, quantity: 2 }] }).at(-1)).toBe("09:30");
  });

  it("walk-in visitors use the reserved counters, not the staff-only one", () => {
    const visitors = [booking("2026-12-02", "08:00", "08:30", "walk_in"), booking("2026-12-02", "08:00", "08:30", "walk_in")];
    const s = schedule({ walkInBlocks: [wednesdayOpenDoor], bookings: visitors });
    expect(remainingAt({ schedule: s, from: "2026-12-02", audience: "staff" }, "08:00")).toBe(1);
  });

  it("a block on other weekdays leaves the day alone", () => {
    const s = schedule({ walkInBlocks: [wednesdayOpenDoor] });
    expect(remainingAt({ schedule: s, from: "2026-12-01" }, "08:00")).toBe(2);
  });
});

describe("closures", () => {
  it.each([
    {
      name: "a whole-day closure closes the day",
      closure: { startsAt: at("2026-12-02", "00:00"), endsAt: at("2026-12-03", "00:00") },
      date: "2026-12-02",
      status: "closure",
      times: [] as string[],
    },
    {
      name: "a closure from 10:00 leaves the early morning",
      closure: { startsAt: at("2026-12-03", "10:00"), endsAt: at("2026-12-03", "12:00") },
      date: "2026-12-03",
      status: "available",
      times: [...quarterHours("08:00", "09:45"), ...quarterHours("14:00", "15:45")],
    },
    {
      name: "a closure spanning several days closes the days in between",
      closure: { startsAt: at("2026-12-21", "00:00"), endsAt: at("2027-01-02", "00:00") },
      date: "2026-12-22",
      status: "closure",
      times: [],
    },
  ])("$name", ({ closure, date, status, times: expected }) => {
    const day = onlyDay({ schedule: schedule({ closures: [closure] }), from: date });
    expect(day.status).toBe(status);
    expect(day.slots.map((slot) => hm(slot.startsAt))).toEqual(expected);
  });
});

describe("public holidays of Lower Saxony over several years", () => {
  it.each([
    { date: "2026-04-03", key: "good-friday" },
    { date: "2026-04-06", key: "easter-monday" },
    { date: "2026-05-14", key: "ascension-day" },
    { date: "2026-05-25", key: "whit-monday" },
    { date: "2027-03-26", key: "good-friday" },
    { date: "2027-03-29", key: "easter-monday" },
    { date: "2027-05-06", key: "ascension-day" },
    { date: "2027-05-17", key: "whit-monday" },
    { date: "2028-04-14", key: "good-friday" },
    { date: "2028-04-17", key: "easter-monday" },
    { date: "2028-05-25", key: "ascension-day" },
    { date: "2028-06-05", key: "whit-monday" },
    { date: "2028-10-31", key: "reformation-day" },
    { date: "2029-10-31", key: "reformation-day" },
    { date: "2026-12-25", key: "christmas-day" },
  ])("$date is $key and closed, the working day before is open", ({ date, key }) => {
    const result = run({ now: weekBefore(date), from: date });
    const day = result.days[0]!;
    expect(day.status).toBe("holiday");
    expect(day.holiday?.key).toBe(key);
    expect(day.slots).toEqual([]);
  });

  it("Reformationstag is an ordinary working day in Bavaria", () => {
    const bavaria = schedule({ location: { id: MAIN, timeZone: TZ, federalState: "BY" } });
    const day = onlyDay({ schedule: bavaria, now: at("2028-10-20", "08:00"), from: "2028-10-31" });
    expect(day.status).toBe("available");
  });
});

describe("daylight-saving days in Europe/Berlin", () => {
  // Sunday night service, so that the switch hours themselves are inside opening hours.
  const nightService = schedule({
    openingHours: [range(7, "01:00", "04:00"), range(7, "08:00", "10:00")],
    capacityWindows: [window({ weekday: 7, startMinute: 0, endMinute: minute("24:00"), onlineCounters: 1, staffCounters: 0 })],
  });
  const rules = { ...RULES, slotGridMinutes: 30 };
  const halfHour = [{ concernId: PASSPORT, quantity: 2 }];

  it.each([
    {
      date: "2026-03-29",
      name: "spring forward: 02:00–03:00 does not exist, so no start in it",
      instants: ["2026-03-29T00:00:00.000Z", "2026-03-29T00:30:00.000Z", "2026-03-29T01:00:00.000Z", "2026-03-29T01:30:00.000Z", "2026-03-29T06:00:00.000Z", "2026-03-29T06:30:00.000Z", "2026-03-29T07:00:00.000Z", "2026-03-29T07:30:00.000Z"],
      local: ["01:00", "01:30", "03:00", "03:30", "08:00", "08:30", "09:00", "09:30"],
    },
    {
      date: "2026-10-25",
      name: "fall back: 02:00–03:00 happens twice, both are offered",
      instants: ["2026-10-24T23:00:00.000Z", "2026-10-24T23:30:00.000Z", "2026-10-25T00:00:00.000Z", "2026-10-25T00:30:00.000Z", "2026-10-25T01:00:00.000Z", "2026-10-25T01:30:00.000Z", "2026-10-25T02:00:00.000Z", "2026-10-25T02:30:00.000Z", "2026-10-25T07:00:00.000Z", "2026-10-25T07:30:00.000Z", "2026-10-25T08:00:00.000Z", "2026-10-25T08:30:00.000Z"],
      local: ["01:00", "01:30", "02:00", "02:30", "02:00", "02:30", "03:00", "03:30", "08:00", "08:30", "09:00", "09:30"],
    },
  ])("$date — $name", ({ date, instants, local }) => {
    const day = onlyDay({ schedule: nightService, rules, items: halfHour, now: weekBefore(date), from: date });
    expect(day.slots.map((slot) => slot.startsAt.toISOString())).toEqual(instants);
    expect(day.slots.map((slot) => hm(slot.startsAt))).toEqual(local);
    for (const slot of day.slots) expect(slot.endsAt.getTime() - slot.startsAt.getTime()).toBe(30 * 60_000);
  });

  it.each([
    { date: "2026-03-22", firstUtc: "2026-03-22T07:00:00.000Z", why: "08:00 CET the Sunday before" },
    { date: "2026-03-29", firstUtc: "2026-03-29T06:00:00.000Z", why: "08:00 CEST on the switch day" },
    { date: "2026-10-25", firstUtc: "2026-10-25T07:00:00.000Z", why: "08:00 CET on the switch day" },
    { date: "2026-10-18", firstUtc: "2026-10-18T06:00:00.000Z", why: "08:00 CEST the Sunday before" },
  ])("office hours stay at 08:00 local on $date ($why)", ({ date, firstUtc }) => {
    const morningOnly = schedule({ ...nightService, openingHours: [range(7, "08:00", "10:00")] });
    const day = onlyDay({ schedule: morningOnly, rules, items: halfHour, now: weekBefore(date), from: date });
    expect(day.slots[0]?.startsAt.toISOString()).toBe(firstUtc);
  });

  it("a booking across the spring gap blocks real time, not wall-clock time", () => {
    // 01:30 CET to 03:30 CEST is one real hour.
    const s = schedule({ ...nightService, bookings: [{ startsAt: new Date("2026-03-29T00:30:00Z"), endsAt: new Date("2026-03-29T01:30:00Z"), channel: "online", concernIds: [PASSPORT] }] });
    const day = onlyDay({ schedule: s, rules, items: halfHour, now: weekBefore("2026-03-29"), from: "2026-03-29" });
    expect(day.slots.map((slot) => hm(slot.startsAt)).slice(0, 3)).toEqual(["01:00", "03:30", "08:00"]);
  });
});

describe("combined concerns with quantities", () => {
  it.each([
    { name: "2 × passport (15) + 1 × ID card (10) = 40, rounded to 45", items: [{ concernId: PASSPORT, quantity: 2 }, { concernId: ID_CARD, quantity: 1 }], duration: 45, lastMorning: "11:15" },
    { name: "4 × passport = 60", items: [{ concernId: PASSPORT, quantity: 4 }], duration: 60, lastMorning: "11:00" },
    { name: "1 × ID card = 10, rounded to 15", items: [{ concernId: ID_CARD, quantity: 1 }], duration: 15, lastMorning: "11:45" },
    { name: "vehicle + passport = 45", items: [{ concernId: VEHICLE, quantity: 1 }, { concernId: PASSPORT, quantity: 1 }], duration: 45, lastMorning: "11:15" },
  ])("$name", ({ items, duration, lastMorning }) => {
    const result = run({ items, from: "2026-11-30" });
    expect(result.durationMinutes).toBe(duration);
    const slots = result.days[0]!.slots;
    expect(hm(slots.at(-1)!.startsAt)).toBe(lastMorning);
    expect(slots[0]!.endsAt.getTime() - slots[0]!.startsAt.getTime()).toBe(duration * 60_000);
  });

  it("with a 5-minute grid the duration is not rounded further", () => {
    const result = run({ items: [{ concernId: ID_CARD, quantity: 1 }], rules: { ...RULES, slotGridMinutes: 5 }, from: "2026-11-30" });
    expect(result.durationMinutes).toBe(10);
    expect(result.days[0]!.slots).toHaveLength(47); // 08:00 … 11:50
  });
});

describe("requests the engine refuses", () => {
  it.each([
    { name: "a concern the branch does not offer", items: [{ concernId: VEHICLE, quantity: 1 }], location: BRANCH, code: "concern_not_offered" },
    { name: "more than the maximum quantity", items: [{ concernId: PASSPORT, quantity: 5 }], location: MAIN, code: "quantity_out_of_range" },
    { name: "a quantity of zero", items: [{ concernId: PASSPORT, quantity: 0 }], location: MAIN, code: "quantity_out_of_range" },
    { name: "an unknown concern", items: [{ concernId: 999, quantity: 1 }], location: MAIN, code: "unknown_concern" },
    { name: "an inactive concern", items: [{ concernId: CERTIFICATE, quantity: 1 }], location: MAIN, code: "concern_inactive" },
    { name: "the same concern twice", items: [{ concernId: ID_CARD, quantity: 1 }, { concernId: ID_CARD, quantity: 1 }], location: MAIN, code: "duplicate_concern" },
    { name: "nothing at all", items: [], location: MAIN, code: "no_items" },
  ])("$name", ({ items, location, code }) => {
    const result = computeAvailability({
      now: NOW,
      schedule: schedule({ location: { id: location, timeZone: TZ, federalState: "NI" } }),
      rules: RULES,
      audience: "online",
      items,
      catalogue,
      from: "2026-12-01",
      to: "2026-12-01",
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem.code).toBe(code);
  });
});

describe("re-checking one start and offering alternatives", () => {
  const query = {
    now: NOW,
    rules: RULES,
    audience: "online" as const,
    concernIds: [ID_CARD],
    durationMinutes: 15,
  };
  const oneCounter = schedule({ capacityWindows: [window({ onlineCounters: 1, staffCounters: 0 })] });

  it.each([
    { name: "a free grid time is bookable", start: at("2026-12-01", "09:00"), bookings: [], bookable: true },
    { name: "an off-grid time is not", start: at("2026-12-01", "09:05"), bookings: [], bookable: false },
    { name: "a time taken meanwhile is not", start: at("2026-12-01", "09:00"), bookings: [booking("2026-12-01", "09:00", "09:15")], bookable: false },
    { name: "a time in the lunch break is not", start: at("2026-12-01", "12:30"), bookings: [], bookable: false },
    { name: "a time on a holiday is not", start: at("2026-12-25", "09:00"), bookings: [], bookable: false },
  ])("$name", ({ start, bookings, bookable }) => {
    const slot = findBookableSlot({ ...query, schedule: schedule({ ...oneCounter, bookings }) }, start);
    expect(slot !== null).toBe(bookable);
  });

  it("offers the nearest free times around a taken one, in time order", () => {
    const taken = [booking("2026-12-01", "09:00", "09:15"), booking("2026-12-01", "09:15", "09:30")];
    const result = run({ schedule: schedule({ ...oneCounter, bookings: taken }), from: "2026-11-30", to: "2026-12-02" });
    const alternatives = nearestSlots(result.days, at("2026-12-01", "09:15"), 4);
    expect(alternatives.map((slot) => `${instantToZoned(slot.startsAt, TZ).date} ${hm(slot.startsAt)}`)).toEqual([
      "2026-12-01 08:30",
      "2026-12-01 08:45",
      "2026-12-01 09:30",
      "2026-12-01 09:45",
    ]);
  });
});

describe("re-checking one start over its own span", () => {
  const overlaps = (piece: { startsAt: Date; endsAt: Date }, from: Date, to: Date) => piece.startsAt < to && piece.endsAt > from;

  // A plain day, a Sunday of night service on each daylight-saving change, and a day with a closure in the morning.
  const days: { date: LocalDate; openingHours: OpeningRange[] }[] = [
    { date: "2026-12-02", openingHours: OPENING_HOURS },
    { date: "2026-12-01", openingHours: OPENING_HOURS },
    { date: "2026-03-29", openingHours: [range(7, "01:00", "04:00"), range(7, "08:00", "12:00")] },
    { date: "2026-10-25", openingHours: [range(7, "01:00", "04:00"), range(7, "08:00", "12:00")] },
  ];

  it.each(Array.from({ length: 48 }, (_, i) => ({ seed: i + 1, ...days[i % days.length]! })))(
    "gives what the whole day gives, at every start of $date (seed $seed)",
    ({ seed, date, openingHours }) => {
      const random = prng(seed);
      const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
      const dayStart = zonedToInstant(date, 0, TZ).getTime();
      const minutesOfDay = (zonedToInstant(addDays(date, 1), 0, TZ).getTime() - dayStart) / 60_000;
      const instant = (minutes: number) => new Date(dayStart + minutes * 60_000);
      // Bookings anywhere in the day, off the grid too, some from the evening before and some long.
      const bookings: ExistingBooking[] = Array.from({ length: Math.floor(random() * 40) }, () => {
        const start = Math.floor(random() * (minutesOfDay + 120)) - 120;
        const length = pick([5, 10, 15, 20, 30, 45, 90, 300]);
        return { startsAt: instant(start), endsAt: instant(start + length), channel: pick(["online", "online", "phone", "walk_in"] as const), concernIds: [pick([PASSPORT, ID_CARD, VEHICLE])] };
      });
      const windows = [
        window({ startMinute: 0, endMinute: minute("24:00"), onlineCounters: Math.floor(random() * 4), staffCounters: Math.floor(random() * 3) }),
        window({ startMinute: minute("09:00"), endMinute: minute("11:00"), onlineCounters: 1 + Math.floor(random() * 2), staffCounters: 0, concernIds: random() < 0.5 ? [PASSPORT] : null }),
        window({ startMinute: minute("02:00"), endMinute: minute("03:30"), onlineCounters: Math.floor(random() * 2), staffCounters: 1 }),
      ];
      const walkIns = random() < 0.5 ? [walkIn({ startMinute: minute("08:00"), endMinute: minute("10:00"), counters: 1 + Math.floor(random() * 3) })] : [];
      const closures = random() < 0.3 ? [{ startsAt: instant(minute("10:10")), endsAt: instant(minute("10:50")) }] : [];
      const whole = schedule({ openingHours, capacityWindows: windows, walkInBlocks: walkIns, closures, bookings });
      const rules = { ...RULES, slotGridMinutes: pick([5, 10, 15, 30]) };
      const durationMinutes = pick([10, 15, 30, 60]);
      for (const audience of ["online", "staff"] as const) {
        const query = { now: weekBefore(date), rules, audience, concernIds: [pick([PASSPORT, ID_CARD])], durationMinutes };
        const [day] = computeDays({ ...query, schedule: whole, from: date, to: date });
        const offered = new Map(day!.slots.map((slot) => [slot.startsAt.getTime(), slot]));
        for (let m = 0; m < minutesOfDay; m += 5) {
          const startsAt = instant(m);
          const endsAt = instant(m + durationMinutes);
          // What the booking transaction reads: only the bookings and closures overlapping the appointment.
          const span = schedule({ ...whole, bookings: bookings.filter((b) => overlaps(b, startsAt, endsAt)), closures: closures.filter((c) => overlaps(c, startsAt, endsAt)) });
          expect(findBookableSlot({ ...query, schedule: span }, startsAt)).toEqual(offered.get(startsAt.getTime()) ?? null);
        }
      }
    },
  );
});

describe("the nearest free times, looking at one day first", () => {
  const slotAt = (date: LocalDate, time: string) => ({ startsAt: at(date, time), endsAt: at(date, time), remaining: 1 });
  const dayFrom = at("2026-12-01", "00:00").getTime();
  const dayTo = at("2026-12-02", "00:00").getTime();
  it.each([
    { name: "enough times, all nearer than midnight on either side", target: "09:00", times: ["08:00", "08:30", "09:30"], count: 3, settled: true },
    { name: "too few times on the day", target: "09:00", times: ["08:00", "09:30"], count: 3, settled: false },
    { name: "a time farther than the evening before", target: "03:00", times: ["02:30", "03:30", "08:00"], count: 3, settled: false },
    { name: "a time farther than the next morning", target: "22:00", times: ["21:30", "22:30", "08:00"], count: 3, settled: false },
    { name: "a time exactly as far as midnight: the next day might tie", target: "12:00", times: ["11:30", "12:30", "00:00"], count: 3, settled: false },
  ])("$name: $settled", ({ target, times, count, settled }) => {
    const slots = times.map((time) => slotAt("2026-12-01", time));
    expect(nearestSlotsSettled(slots, count, at("2026-12-01", target), dayFrom, dayTo)).toBe(settled);
  });
});

describe("capacity timeline for the day view", () => {
  it("cuts the day where windows, walk-in blocks and bookings change", async () => {
    const { capacityTimeline } = await import("./availability");
    const s = schedule({
      capacityWindows: [window({ startMinute: minute("08:00"), endMinute: minute("12:00"), onlineCounters: 3, staffCounters: 1 })],
      walkInBlocks: [walkIn({ weekday: 3, startMinute: minute("08:00"), endMinute: minute("10:00"), counters: 2 })],
      bookings: [booking("2026-12-02", "10:30", "11:00")],
    });
    const rows = capacityTimeline(s, "2026-12-02")
      .filter((seg) => seg.onlineCounters + seg.staffCounters > 0)
      .map((seg) => `${hm(seg.startsAt)}-${hm(seg.endsAt)} ${seg.onlineCounters}+${seg.staffCounters} walk-in ${seg.walkInCounters} booked ${seg.booked}`);
    expect(rows).toEqual([
      "08:00-10:00 3+1 walk-in 2 booked 0",
      "10:00-10:30 3+1 walk-in 0 booked 0",
      "10:30-11:00 3+1 walk-in 0 booked 1",
      "11:00-12:00 3+1 walk-in 0 booked 0",
    ]);
  });
});

describe("fast path for general counters", () => {

  it.each(Array.from({ length: 40 }, (_, i) => ({ seed: i + 1 })))("agrees with the general placement (seed $seed)", ({ seed }) => {
    const random = prng(seed);
    const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const channels: BookingChannel[] = ["online", "online", "phone", "walk_in"];
    const times = quarterHours("08:00", "11:30");
    const bookings = Array.from({ length: Math.floor(random() * 14) }, () => {
      const start = pick(times);
      const end = formatTimeOfDay(minute(start) + pick([15, 30, 45]));
      return booking("2026-12-02", start, end, pick(channels), [pick([PASSPORT, ID_CARD, VEHICLE])]);
    });
    const windows = [
      window({ startMinute: minute("08:00"), endMinute: minute("12:00"), onlineCounters: Math.floor(random() * 4), staffCounters: Math.floor(random() * 3) }),
      window({ startMinute: minute("09:00"), endMinute: minute("11:00"), onlineCounters: Math.floor(random() * 2), staffCounters: Math.floor(random() * 2) }),
    ];
    const walkIns = random() < 0.5 ? [walkIn({ weekday: 3, startMinute: minute("08:00"), endMinute: minute("10:00"), counters: 1 + Math.floor(random() * 3) })] : [];
    const everyConcern = [PASSPORT, ID_CARD, VEHICLE, CERTIFICATE];
    const general = schedule({ capacityWindows: windows, walkInBlocks: walkIns, bookings });
    const restrictedToAll = schedule({ capacityWindows: windows.map((w) => ({ ...w, concernIds: everyConcern })), walkInBlocks: walkIns, bookings });
    for (const audience of ["online", "staff"] as const) {
      const slotsOf = (s: LocationSchedule) =>
        onlyDay({ schedule: s, audience, from: "2026-12-02", items: [{ concernId: PASSPORT, quantity: 1 }] }).slots.map((slot) => `${hm(slot.startsAt)}:${slot.remaining}`);
      expect(slotsOf(general)).toEqual(slotsOf(restrictedToAll));
    }
  });
});
