import { describe, expect, it } from "vitest";
import type { BookingChannel, BookingStatus } from "./enums";
import {
  capacityMinutes,
  computeStatistics,
  leadTimeBucket,
  noShowFigures,
  type StatisticsBooking,
  type StatisticsCapacityWindow,
  type StatisticsLocation,
} from "./statistics";
import { zonedToInstant, type IsoWeekday, type LocalDate } from "./zoned-time";

const TZ = "Europe/Berlin";
const at = (date: LocalDate, hhmm: string) => zonedToInstant(date, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)), TZ);
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
const WORKDAYS: IsoWeekday[] = [1, 2, 3, 4, 5];

function hours(weekdays: IsoWeekday[], start: string, end: string) {
  return weekdays.map((weekday) => ({ weekday, startMinute: minutes(start), endMinute: minutes(end) }));
}

function window(start: string, end: string, overrides: Partial<StatisticsCapacityWindow> = {}): StatisticsCapacityWindow {
  return { weekday: null, validFrom: null, validUntil: null, startMinute: minutes(start), endMinute: minutes(end), onlineCounters: 2, staffCounters: 1, ...overrides };
}

/** Mornings 08:00–12:00 on working days, three counters (2 online + 1 staff-only): 720 counter minutes a day. */
function location(overrides: Partial<StatisticsLocation> = {}): StatisticsLocation {
  return {
    id: 1,
    timeZone: TZ,
    federalState: "NI",
    openingHours: hours(WORKDAYS, "08:00", "12:00"),
    capacityWindows: WORKDAYS.map((weekday) => window("08:00", "12:00", { weekday })),
    closures: [],
    ...overrides,
  };
}

function booking(date: LocalDate, start: string, lengthMinutes: number, overrides: Partial<StatisticsBooking> = {}): StatisticsBooking {
  const startsAt = at(date, start);
  return {
    locationId: 1,
    status: "done",
    channel: "online",
    startsAt,
    endsAt: new Date(startsAt.getTime() + lengthMinutes * 60_000),
    items: [{ concernId: 100, quantity: 1 }],
    createdAt: new Date(startsAt.getTime() - 7 * 86_400_000),
    reminded: false,
    ...overrides,
  };
}

const byStatus = (counts: Partial<Record<BookingStatus, number>>) => ({ booked: 0, checked_in: 0, done: 0, no_show: 0, cancelled: 0, held: 0, released: 0, ...counts });

describe("capacityMinutes", () => {
  // Week of Monday 23 November 2026 unless a case says otherwise.
  const cases: { name: string; location: StatisticsLocation; from: LocalDate; to: LocalDate; expected: number }[] = [
    { name: "a plain working week: 5 days × 240 min × 3 counters", location: location(), from: "2026-11-23", to: "2026-11-27", expected: 3600 },
    { name: "a weekend without opening hours", location: location(), from: "2026-11-28", to: "2026-11-29", expected: 0 },
    { name: "a period ending before it starts", location: location(), from: "2026-11-27", to: "2026-11-23", expected: 0 },
    { name: "Good Friday (Karfreitag) is skipped", location: location(), from: "2026-03-30", to: "2026-04-05", expected: 4 * 720 },
    { name: "Easter Monday (Ostermontag) is skipped", location: location(), from: "2026-04-06", to: "2026-04-10", expected: 4 * 720 },
    { name: "Corpus Christi is no holiday in Lower Saxony", location: location(), from: "2026-06-01", to: "2026-06-05", expected: 3600 },
    { name: "Corpus Christi is a holiday in North Rhine-Westphalia", location: location({ federalState: "NW" }), from: "2026-06-01", to: "2026-06-05", expected: 4 * 720 },
    {
      name: "a whole-day closure removes the day",
      location: location({ closures: [{ startsAt: at("2026-11-25", "00:00"), endsAt: at("2026-11-26", "00:00") }] }),
      from: "2026-11-23",
      to: "2026-11-27",
      expected: 4 * 720,
    },
    {
      name: "a one-hour closure removes one hour on every counter",
      location: location({ closures: [{ startsAt: at("2026-11-25", "10:00"), endsAt: at("2026-11-25", "11:00") }] }),
      from: "2026-11-23",
      to: "2026-11-27",
      expected: 3600 - 60 * 3,
    },
    {
      name: "overlapping closures are not subtracted twice",
      location: location({
        closures: [
          { startsAt: at("2026-11-25", "09:00"), endsAt: at("2026-11-25", "11:00") },
          { startsAt: at("2026-11-25", "10:00"), endsAt: at("2026-11-25", "12:30") },
        ],
      }),
      from: "2026-11-25",
      to: "2026-11-25",
      expected: 60 * 3,
    },
    {
      name: "a closure reaching into the period from before counts only inside it",
      location: location({ closures: [{ startsAt: at("2026-11-19", "12:00"), endsAt: at("2026-11-25", "00:00") }] }),
      from: "2026-11-23",
      to: "2026-11-27",
      expected: 3 * 720,
    },
    {
      name: "a closure on a holiday changes nothing",
      location: location({ closures: [{ startsAt: at("2026-04-03", "00:00"), endsAt: at("2026-04-04", "00:00") }] }),
      from: "2026-04-03",
      to: "2026-04-03",
      expected: 0,
    },
    {
      name: "a window valid only Wednesday to Thursday",
      location: location({ capacityWindows: [window("08:00", "12:00", { validFrom: "2026-11-25", validUntil: "2026-11-26" })] }),
      from: "2026-11-23",
      to: "2026-11-27",
      expected: 2 * 720,
    },
    {
      name: "a window that ended before the period adds nothing",
      location: location({ capacityWindows: [window("08:00", "12:00", { validUntil: "2026-11-22" })] }),
      from: "2026-11-23",
      to: "2026-11-27",
      expected: 0,
    },
    {
      name: "window time outside opening hours does not count",
      location: location({ capacityWindows: [window("07:00", "13:00")] }),
      from: "2026-11-23",
      to: "2026-11-23",
      expected: 720,
    },
    {
      name: "the lunch break between two opening ranges does not count",
      location: location({ openingHours: [...hours([1], "08:00", "12:00"), ...hours([1], "14:00", "16:00")], capacityWindows: [window("08:00", "18:00")] }),
      from: "2026-11-23",
      to: "2026-11-23",
      expected: 360 * 3,
    },
    {
      name: "duplicate opening ranges are not counted twice",
      location: location({ openingHours: [...hours([1], "08:00", "12:00"), ...hours([1], "09:00", "11:00")] }),
      from: "2026-11-23",
      to: "2026-11-23",
      expected: 720,
    },
    {
      name: "two windows at the same time add their counters (e.g. a vehicle counter)",
      location: location({ capacityWindows: [window("08:00", "12:00"), window("08:00", "10:00", { onlineCounters: 1, staffCounters: 0 })] }),
      from: "2026-11-23",
      to: "2026-11-23",
      expected: 720 + 120,
    },
    {
      name: "a window without counters adds nothing",
      location: location({ capacityWindows: [window("08:00", "12:00", { onlineCounters: 0, staffCounters: 0 })] }),
      from: "2026-11-23",
      to: "2026-11-23",
      expected: 0,
    },
    {
      name: "spring forward: 01:00–04:00 lasts two real hours on 29 March 2026",
      location: location({ openingHours: hours([7], "01:00", "04:00"), capacityWindows: [window("01:00", "04:00", { onlineCounters: 1, staffCounters: 0 })] }),
      from: "2026-03-29",
      to: "2026-03-29",
      expected: 120,
    },
    {
      name: "fall back: 01:00–04:00 lasts four real hours on 25 October 2026",
      location: location({ openingHours: hours([7], "01:00", "04:00"), capacityWindows: [window("01:00", "04:00", { onlineCounters: 1, staffCounters: 0 })] }),
      from: "2026-10-25",
      to: "2026-10-25",
      expected: 240,
    },
    {
      name: "an ordinary Sunday: 01:00–04:00 lasts three hours",
      location: location({ openingHours: hours([7], "01:00", "04:00"), capacityWindows: [window("01:00", "04:00", { onlineCounters: 1, staffCounters: 0 })] }),
      from: "2026-11-01",
      to: "2026-11-01",
      expected: 180,
    },
    {
      name: "a whole spring-forward day is 23 hours long",
      location: location({ openingHours: hours([7], "00:00", "24:00"), capacityWindows: [window("00:00", "24:00", { onlineCounters: 1, staffCounters: 0 })] }),
      from: "2026-03-29",
      to: "2026-03-29",
      expected: 23 * 60,
    },
  ];

  it.each(cases)("$name", ({ location: site, from, to, expected }) => {
    expect(capacityMinutes(site, from, to)).toBe(expected);
  });
});

describe("noShowFigures", () => {
  const cases: { name: string; counts: Partial<Record<BookingStatus, number>>; expected: { noShows: number; dealtWith: number; rate: number | null } }[] = [
    { name: "nothing dealt with yet: no rate rather than 0 % or a division by zero", counts: {}, expected: { noShows: 0, dealtWith: 0, rate: null } },
    { name: "only future and cancelled appointments", counts: { booked: 5, cancelled: 3 }, expected: { noShows: 0, dealtWith: 0, rate: null } },
    { name: "everyone came", counts: { done: 4 }, expected: { noShows: 0, dealtWith: 4, rate: 0 } },
    { name: "nobody came", counts: { no_show: 2 }, expected: { noShows: 2, dealtWith: 2, rate: 1 } },
    { name: "one in four missed", counts: { done: 3, no_show: 1, booked: 10 }, expected: { noShows: 1, dealtWith: 4, rate: 0.25 } },
    { name: "checked in counts as having come", counts: { checked_in: 1, no_show: 1 }, expected: { noShows: 1, dealtWith: 2, rate: 0.5 } },
  ];

  it.each(cases)("$name", ({ counts, expected }) => {
    expect(noShowFigures(byStatus(counts))).toEqual(expected);
  });
});

describe("computeStatistics", () => {
  it("leaves waiting-list holds and released holds out: they never were appointments", () => {
    const stats = computeStatistics({
      from: "2026-11-23",
      to: "2026-11-25",
      locations: [location()],
      bookings: [booking("2026-11-24", "09:00", 20), booking("2026-11-24", "09:20", 20, { status: "held" }), booking("2026-11-24", "09:40", 20, { status: "released" })],
    });
    expect(stats.bookings).toBe(1);
    expect(stats.cancelled).toBe(0);
    expect(stats.byStatus).toMatchObject({ done: 1, held: 0, released: 0 });
    expect(stats.utilisation.byLocation[0]!.bookedMinutes).toBe(20);
  });

  it("reports every day, zero counts and no rates for an empty period", () => {
    const stats = computeStatistics({ from: "2026-11-23", to: "2026-11-25", locations: [location()], bookings: [] });
    expect(stats.bookings).toBe(0);
    expect(stats.cancelled).toBe(0);
    expect(stats.byDay).toEqual([
      { date: "2026-11-23", bookings: 0 },
      { date: "2026-11-24", bookings: 0 },
      { date: "2026-11-25", bookings: 0 },
    ]);
    expect(stats.byChannel).toEqual({ online: 0, phone: 0, walk_in: 0 });
    expect(stats.byConcern).toEqual([]);
    expect(stats.byLocation).toEqual([{ locationId: 1, bookings: 0, cancelled: 0 }]);
    expect(stats.noShow.rate).toBeNull();
    expect(stats.utilisation.overall).toEqual({ bookedMinutes: 0, capacityMinutes: 3 * 720, rate: 0 });
  });

  it("counts bookings by concern, location, day, status and channel, cancellations apart", () => {
    const passport = 1;
    const idCard = 2;
    const certificate = 3;
    const bookings: StatisticsBooking[] = [
      booking("2026-11-23", "08:00", 30, { items: [{ concernId: passport, quantity: 2 }, { concernId: idCard, quantity: 1 }] }),
      booking("2026-11-23", "09:00", 20, { channel: "phone", status: "no_show", items: [{ concernId: passport, quantity: 1 }] }),
      booking("2026-11-24", "10:00", 10, { channel: "walk_in", status: "checked_in", items: [{ concernId: certificate, quantity: 3 }] }),
      booking("2026-11-24", "11:00", 15, { status: "booked", items: [{ concernId: idCard, quantity: 1 }] }),
      // The same concern twice in one booking: one booking, both quantities.
      booking("2026-11-25", "08:00", 20, { locationId: 2, items: [{ concernId: idCard, quantity: 1 }, { concernId: idCard, quantity: 1 }] }),
      // Cancelled: counted only as a cancellation.
      booking("2026-11-25", "09:00", 15, { status: "cancelled", channel: "phone", items: [{ concernId: certificate, quantity: 1 }] }),
      // Outside the period by the location's calendar: 00:30 on the 26th in Berlin is still the 25th in UTC.
      booking("2026-11-22", "23:30", 10),
      booking("2026-11-26", "00:30", 10),
      // A location not reported on.
      booking("2026-11-23", "08:00", 10, { locationId: 99 }),
    ];
    const stats = computeStatistics({ from: "2026-11-23", to: "2026-11-25", locations: [location(), location({ id: 2 })], bookings });

    expect(stats.bookings).toBe(5);
    expect(stats.cancelled).toBe(1);
    expect(stats.byStatus).toEqual(byStatus({ done: 2, no_show: 1, checked_in: 1, booked: 1, cancelled: 1 }));
    expect(stats.byChannel).toEqual({ online: 3, phone: 1, walk_in: 1 } satisfies Record<BookingChannel, number>);
    expect(stats.byConcern).toEqual([
      { concernId: idCard, bookings: 3, quantity: 4 },
      { concernId: passport, bookings: 2, quantity: 3 },
      { concernId: certificate, bookings: 1, quantity: 3 },
    ]);
    expect(stats.byLocation).toEqual([
      { locationId: 1, bookings: 4, cancelled: 1 },
      { locationId: 2, bookings: 1, cancelled: 0 },
    ]);
    expect(stats.byDay).toEqual([
      { date: "2026-11-23", bookings: 2 },
      { date: "2026-11-24", bookings: 2 },
      { date: "2026-11-25", bookings: 1 },
    ]);
    expect(stats.noShow).toEqual({ noShows: 1, dealtWith: 4, rate: 0.25 });
  });

  it("divides booked minutes of capacity-holding bookings by capacity minutes, per location and overall", () => {
    const bookings: StatisticsBooking[] = [
      booking("2026-11-23", "08:00", 30, { status: "booked" }),
      booking("2026-11-23", "09:00", 20, { status: "done" }),
      booking("2026-11-23", "10:00", 10, { status: "no_show" }),
      booking("2026-11-23", "11:00", 40, { status: "checked_in" }),
      booking("2026-11-23", "11:00", 60, { status: "cancelled" }),
      booking("2026-11-23", "08:30", 90, { locationId: 2 }),
    ];
    const stats = computeStatistics({
      from: "2026-11-23",
      to: "2026-11-23",
      locations: [location(), location({ id: 2, capacityWindows: [] })],
      bookings,
    });
    expect(stats.utilisation.byLocation).toEqual([
      { locationId: 1, bookedMinutes: 100, capacityMinutes: 720, rate: 100 / 720 },
      // Bookings without any capacity window: minutes counted, no rate.
      { locationId: 2, bookedMinutes: 90, capacityMinutes: 0, rate: null },
    ]);
    expect(stats.utilisation.overall).toEqual({ bookedMinutes: 190, capacityMinutes: 720, rate: 190 / 720 });
  });

  it("measures bookings and capacity in real time across the spring daylight-saving switch", () => {
    const sunday = location({ openingHours: hours([7], "01:00", "04:00"), capacityWindows: [window("01:00", "04:00", { onlineCounters: 1, staffCounters: 0 })] });
    const stats = computeStatistics({
      from: "2026-03-29",
      to: "2026-03-29",
      locations: [sunday],
      // 01:30 CET to 03:30 CEST is one real hour.
      bookings: [{ ...booking("2026-03-29", "01:30", 0), endsAt: at("2026-03-29", "03:30") }],
    });
    expect(stats.byDay).toEqual([{ date: "2026-03-29", bookings: 1 }]);
    expect(stats.utilisation.overall).toEqual({ bookedMinutes: 60, capacityMinutes: 120, rate: 0.5 });
  });

  it("leaves holidays and closures out of capacity but still counts bookings made on them", () => {
    const closed = location({ closures: [{ startsAt: at("2026-11-24", "00:00"), endsAt: at("2026-11-25", "00:00") }] });
    const stats = computeStatistics({
      from: "2026-11-23",
      to: "2026-11-24",
      locations: [closed],
      bookings: [booking("2026-11-24", "09:00", 30, { status: "booked" })],
    });
    expect(stats.bookings).toBe(1);
    expect(stats.utilisation.overall).toEqual({ bookedMinutes: 30, capacityMinutes: 720, rate: 30 / 720 });
  });
});

describe("no-show breakdown", () => {
  const period = { from: "2026-11-23" as LocalDate, to: "2026-11-29" as LocalDate };
  const breakdown = (bookings: StatisticsBooking[]) => computeStatistics({ ...period, locations: [location()], bookings }).noShowBreakdown;

  it.each([
    [-1, "same_day"],
    [0, "same_day"],
    [1, "days_1_2"],
    [2, "days_1_2"],
    [3, "days_3_7"],
    [7, "days_3_7"],
    [8, "days_8_14"],
    [14, "days_8_14"],
    [15, "days_15_28"],
    [28, "days_15_28"],
    [29, "days_29_plus"],
    [400, "days_29_plus"],
  ] as const)("a booking made %i days ahead falls into %s", (days, bucket) => {
    expect(leadTimeBucket(days)).toBe(bucket);
  });

  it("measures lead time in the location's calendar days, not in 24-hour spans", () => {
    // Booked at 23:30 on Sunday for Monday 08:00: one calendar day ahead although only 8.5 hours before.
    const figures = breakdown([booking("2026-11-23", "08:00", 20, { status: "no_show", createdAt: at("2026-11-22", "23:30") })]);
    expect(figures.byLeadTime.find((entry) => entry.bucket === "days_1_2")).toMatchObject({ noShows: 1, dealtWith: 1, rate: 1 });
    expect(figures.byLeadTime.find((entry) => entry.bucket === "same_day")).toMatchObject({ noShows: 0, dealtWith: 0, rate: null });
  });

  it("counts only dealt-with appointments made ahead: not booked, cancelled or walk-in ones", () => {
    const figures = breakdown([
      booking("2026-11-23", "08:00", 20, { status: "no_show" }),
      booking("2026-11-23", "08:20", 20, { status: "done" }),
      booking("2026-11-23", "08:40", 20, { status: "checked_in" }),
      booking("2026-11-23", "09:00", 20, { status: "booked" }),
      booking("2026-11-23", "09:20", 20, { status: "cancelled" }),
      booking("2026-11-23", "09:40", 20, { status: "done", channel: "walk_in" }),
    ]);
    expect(figures.byWeekday.find((entry) => entry.weekday === 1)).toMatchObject({ noShows: 1, dealtWith: 3 });
    expect(figures.byWeekday.filter((entry) => entry.weekday !== 1).every((entry) => entry.dealtWith === 0 && entry.rate === null)).toBe(true);
    expect(figures.byWeekday.map((entry) => entry.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it("splits by weekday of the appointment in the location's time zone", () => {
    const figures = breakdown([
      booking("2026-11-24", "08:00", 20, { status: "no_show" }),
      booking("2026-11-24", "09:00", 20, { status: "no_show" }),
      booking("2026-11-26", "09:00", 20, { status: "done" }),
    ]);
    expect(figures.byWeekday.find((entry) => entry.weekday === 2)).toMatchObject({ noShows: 2, dealtWith: 2, rate: 1 });
    expect(figures.byWeekday.find((entry) => entry.weekday === 4)).toMatchObject({ noShows: 0, dealtWith: 1, rate: 0 });
  });

  it("counts an appointment once per concern it had, most missed first, however many items name that concern", () => {
    const figures = breakdown([
      booking("2026-11-23", "08:00", 20, { status: "no_show", items: [{ concernId: 7, quantity: 1 }, { concernId: 7, quantity: 2 }, { concernId: 9, quantity: 1 }] }),
      booking("2026-11-23", "09:00", 20, { status: "no_show", items: [{ concernId: 9, quantity: 1 }] }),
      booking("2026-11-23", "10:00", 20, { status: "done", items: [{ concernId: 7, quantity: 1 }] }),
    ]);
    expect(figures.byConcern).toEqual([
      { concernId: 9, noShows: 2, dealtWith: 2, rate: 1 },
      { concernId: 7, noShows: 1, dealtWith: 2, rate: 0.5 },
    ]);
  });

  it("compares appointments with and without a reminder", () => {
    const figures = breakdown([
      booking("2026-11-23", "08:00", 20, { status: "done", reminded: true }),
      booking("2026-11-23", "08:20", 20, { status: "done", reminded: true }),
      booking("2026-11-23", "08:40", 20, { status: "done", reminded: true }),
      booking("2026-11-23", "09:00", 20, { status: "no_show", reminded: true }),
      booking("2026-11-23", "09:20", 20, { status: "no_show", reminded: false }),
      booking("2026-11-23", "09:40", 20, { status: "done", reminded: false }),
    ]);
    expect(figures.byReminder).toEqual({
      reminded: { noShows: 1, dealtWith: 4, rate: 0.25 },
      notReminded: { noShows: 1, dealtWith: 2, rate: 0.5 },
    });
  });
});
