import { describe, expect, it } from "vitest";
import { calendarMonth } from "./calendar-month";

const BASE = { requested: undefined, selectedDate: null, firstFree: "2026-12-01", today: "2026-11-30", lastDay: "2027-01-25" };

describe("the month a day calendar opens on", () => {
  it.each([
    { name: "the first bookable day's month, not today's, on a month's last day", input: {}, month: "2026-12" },
    { name: "today's month when today can still be booked", input: { firstFree: "2026-11-30" }, month: "2026-11" },
    { name: "today's month when nothing can be booked at all", input: { firstFree: null }, month: "2026-11" },
    { name: "the chosen day's month", input: { selectedDate: "2027-01-12" }, month: "2027-01" },
    { name: "a month asked for by the navigation", input: { requested: "2027-01", selectedDate: "2026-12-03" }, month: "2027-01" },
    { name: "today's month asked for (to see what is past)", input: { requested: "2026-11" }, month: "2026-11" },
    { name: "not a month that does not exist", input: { requested: "2026-13" }, month: "2026-12" },
    { name: "not a month before today's", input: { requested: "2026-10" }, month: "2026-12" },
    { name: "not a month beyond the last offered day", input: { requested: "9999-12" }, month: "2026-12" },
    { name: "not garbage", input: { requested: ["2026-12"] }, month: "2026-12" },
    { name: "not a chosen day outside the range", input: { selectedDate: "2028-01-01" }, month: "2026-12" },
  ])("$name", ({ input, month }) => {
    expect(calendarMonth({ ...BASE, ...input })).toBe(month);
  });
});
