import { describe, expect, it } from "vitest";
import type { AvailabilityDay } from "@/lib/domain/availability";
import { chooseDay } from "./chosen-day";

const slot = { startsAt: new Date(Date.UTC(2026, 11, 3, 8)), endsAt: new Date(Date.UTC(2026, 11, 3, 8, 10)), remaining: 1 };
const DAYS: AvailabilityDay[] = [
  { date: "2026-12-02", weekday: 3, status: "closed", holiday: null, slots: [] },
  { date: "2026-12-03", weekday: 4, status: "available", holiday: null, slots: [slot] },
  { date: "2026-12-04", weekday: 5, status: "fully_booked", holiday: null, slots: [] },
];
const RANGE = { from: "2026-11-24", to: "2027-01-22" };

describe("the day a phone search asks for", () => {
  it.each([
    { name: "nothing asked", requested: undefined, expected: { date: null, problem: null } },
    { name: "an empty field", requested: "  ", expected: { date: null, problem: null } },
    { name: "a bookable day", requested: "2026-12-03", expected: { date: "2026-12-03", problem: null } },
    { name: "a bookable day with spaces around it", requested: " 2026-12-03 ", expected: { date: "2026-12-03", problem: null } },
    { name: "garbage", requested: "nächsten Donnerstag", expected: { date: null, problem: "invalid_day" } },
    { name: "a day that does not exist", requested: "2026-02-30", expected: { date: null, problem: "invalid_day" } },
    { name: "not a string (a repeated parameter)", requested: ["2026-12-03"], expected: { date: null, problem: "invalid_day" } },
    { name: "a day in the past", requested: "2026-11-23", expected: { date: "2026-11-23", problem: "day_out_of_range" } },
    { name: "a day beyond the horizon", requested: "2027-01-23", expected: { date: "2027-01-23", problem: "day_out_of_range" } },
    { name: "a far-away year", requested: "9999-12-31", expected: { date: "9999-12-31", problem: "day_out_of_range" } },
    { name: "a closed day", requested: "2026-12-02", expected: { date: "2026-12-02", problem: "day_not_bookable" } },
    { name: "a full day", requested: "2026-12-04", expected: { date: "2026-12-04", problem: "day_not_bookable" } },
    { name: "a day in range the answer does not list", requested: "2026-12-10", expected: { date: "2026-12-10", problem: "day_not_bookable" } },
  ])("$name", ({ requested, expected }) => {
    expect(chooseDay(requested, DAYS, RANGE)).toEqual(expected);
  });
});
