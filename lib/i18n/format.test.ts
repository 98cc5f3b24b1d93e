import { describe, expect, it } from "vitest";
import { formatDateTime, formatDuration, formatEuro, formatLocalDate, formatTime, formatTimeRange } from "./format";

const TZ = "Europe/Berlin";

describe("citizen-facing date and time formats", () => {
  it.each([
    { instant: "2026-12-01T08:30:00Z", language: "de" as const, expected: "Dienstag, 1. Dezember 2026, 09:30 Uhr" },
    { instant: "2026-12-01T08:30:00Z", language: "en" as const, expected: "Tuesday, 1 December 2026, 09:30" },
    { instant: "2026-07-01T07:30:00Z", language: "de" as const, expected: "Mittwoch, 1. Juli 2026, 09:30 Uhr" },
    // Both 02:30 hours of the autumn switch night are shown as what the clock says.
    { instant: "2026-10-25T00:30:00Z", language: "de" as const, expected: "Sonntag, 25. Oktober 2026, 02:30 Uhr" },
    { instant: "2026-10-25T01:30:00Z", language: "de" as const, expected: "Sonntag, 25. Oktober 2026, 02:30 Uhr" },
    { instant: "2026-03-29T01:00:00Z", language: "de" as const, expected: "Sonntag, 29. März 2026, 03:00 Uhr" },
    { instant: "2026-12-31T23:30:00Z", language: "de" as const, expected: "Freitag, 1. Januar 2027, 00:30 Uhr" },
  ])("$instant in $language → $expected", ({ instant, language, expected }) => {
    expect(formatDateTime(new Date(instant), language, TZ)).toBe(expected);
  });

  it.each([
    { language: "de" as const, expected: "09:00–09:45 Uhr" },
    { language: "en" as const, expected: "09:00–09:45" },
  ])("time range in $language", ({ language, expected }) => {
    expect(formatTimeRange(new Date("2026-12-01T08:00:00Z"), new Date("2026-12-01T08:45:00Z"), language, TZ)).toBe(expected);
  });

  it("midnight is 00:00, not 24:00", () => {
    expect(formatTime(new Date("2026-11-30T23:00:00Z"), "de", TZ)).toBe("00:00 Uhr");
  });

  it.each([
    { date: "2026-12-01", language: "de" as const, expected: "Dienstag, 1. Dezember 2026" },
    { date: "2026-12-01", language: "en" as const, expected: "Tuesday, 1 December 2026" },
  ])("calendar date $date in $language", ({ date, language, expected }) => {
    expect(formatLocalDate(date, language)).toBe(expected);
  });

  it.each([
    { cents: 3700, language: "de" as const, expected: "37,00 €" },
    { cents: 3700, language: "en" as const, expected: "€37.00" },
    { cents: 2280, language: "de" as const, expected: "22,80 €" },
  ])("$cents cents in $language → $expected", ({ cents, language, expected }) => {
    expect(formatEuro(cents, language).replace(/\u00a0/g, " ")).toBe(expected);
  });

  it.each([
    { minutes: 45, language: "de" as const, expected: "45 Minuten" },
    { minutes: 60, language: "de" as const, expected: "1 Stunde" },
    { minutes: 75, language: "de" as const, expected: "1 Stunde 15 Minuten" },
    { minutes: 150, language: "en" as const, expected: "2 hours 30 minutes" },
    { minutes: 1, language: "en" as const, expected: "1 minute" },
  ])("$minutes minutes in $language → $expected", ({ minutes, language, expected }) => {
    expect(formatDuration(minutes, language)).toBe(expected);
  });
});
