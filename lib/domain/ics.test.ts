import { describe, expect, it } from "vitest";
import { buildCalendarFile, escapeText, foldLine, type CalendarEvent } from "./ics";

const base: CalendarEvent = {
  uid: "K7MA-XP9C@terminvergabe",
  sequence: 0,
  stamp: new Date("2026-11-24T08:00:00Z"),
  start: new Date("2026-12-01T08:30:00Z"),
  end: new Date("2026-12-01T09:00:00Z"),
  timeZone: "Europe/Berlin",
  summary: "Termin im Bürgerbüro: Personalausweis beantragen",
  description: "Referenz K7MA-XP9C\nBitte mitbringen: biometrisches Passfoto, Geburtsurkunde",
  location: "Bürgerbüro im Rathaus, Rathausplatz 1, 31134 Musterstadt",
  url: "https://termine.example/termin/verwalten/abc",
  status: "CONFIRMED",
  alarm: true,
};

/** Unfolds content lines as a calendar client would. */
const unfold = (ics: string) => ics.replace(/\r\n /g, "").split("\r\n");

describe("calendar file", () => {
  it.each([
    { name: "winter (CET)", start: "2026-12-01T08:30:00Z", end: "2026-12-01T09:00:00Z", local: ["20261201T093000", "20261201T100000"] },
    { name: "summer (CEST)", start: "2026-07-01T07:30:00Z", end: "2026-07-01T08:00:00Z", local: ["20260701T093000", "20260701T100000"] },
    { name: "the day after spring forward", start: "2026-03-30T07:30:00Z", end: "2026-03-30T08:15:00Z", local: ["20260330T093000", "20260330T101500"] },
    { name: "the day after fall back", start: "2026-10-26T08:30:00Z", end: "2026-10-26T09:00:00Z", local: ["20261026T093000", "20261026T100000"] },
  ])("writes wall-clock times with TZID in $name", ({ start, end, local }) => {
    const lines = unfold(buildCalendarFile({ ...base, start: new Date(start), end: new Date(end) }));
    expect(lines).toContain(`DTSTART;TZID=Europe/Berlin:${local[0]}`);
    expect(lines).toContain(`DTEND;TZID=Europe/Berlin:${local[1]}`);
    expect(lines).toContain("TZID:Europe/Berlin");
    expect(lines).toContain("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU");
  });

  it("uses UTC for a zone without a definition", () => {
    const lines = unfold(buildCalendarFile({ ...base, timeZone: "Asia/Kolkata" }));
    expect(lines).toContain("DTSTART:20261201T083000Z");
    expect(lines.some((l) => l.startsWith("BEGIN:VTIMEZONE"))).toBe(false);
  });

  it("is a well-formed calendar: CRLF, balanced blocks, lines of at most 75 octets", () => {
    const ics = buildCalendarFile(base);
    expect(ics.endsWith("\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toContain("\n");
    for (const physical of ics.split("\r\n")) expect(new TextEncoder().encode(physical).length).toBeLessThanOrEqual(75);
    const lines = unfold(ics);
    for (const block of ["VCALENDAR", "VTIMEZONE", "VEVENT", "VALARM"]) {
      expect(lines.filter((l) => l === `BEGIN:${block}`)).toHaveLength(1);
      expect(lines.filter((l) => l === `END:${block}`)).toHaveLength(1);
    }
    expect(lines).toContain("DTSTAMP:20261124T080000Z");
    expect(lines).toContain("UID:K7MA-XP9C@terminvergabe");
  });

  it("marks a cancellation so calendars remove the event", () => {
    const lines = unfold(buildCalendarFile({ ...base, status: "CANCELLED", sequence: 2 }));
    expect(lines).toContain("METHOD:CANCEL");
    expect(lines).toContain("STATUS:CANCELLED");
    expect(lines).toContain("SEQUENCE:2");
    expect(lines).not.toContain("BEGIN:VALARM");
  });

  it("leaves the alarm out when asked (the reminder e-mail's file), keeping the event itself", () => {
    const lines = unfold(buildCalendarFile({ ...base, alarm: false, sequence: 1 }));
    expect(lines).not.toContain("BEGIN:VALARM");
    expect(lines).toContain("METHOD:PUBLISH");
    expect(lines).toContain("STATUS:CONFIRMED");
    expect(lines).toContain("SEQUENCE:1");
    expect(lines).toContain("UID:K7MA-XP9C@terminvergabe");
  });

  it.each([
    { input: "a,b;c\\d", expected: "a\\,b\\;c\\\\d" },
    { input: "Zeile 1\nZeile 2", expected: "Zeile 1\\nZeile 2" },
  ])("escapes text: $input", ({ input, expected }) => {
    expect(escapeText(input)).toBe(expected);
  });

  it("folds long lines without splitting umlauts", () => {
    const line = "DESCRIPTION:" + "Bürgerbüro ".repeat(20);
    const folded = foldLine(line);
    expect(folded.replace(/\r\n /g, "")).toBe(line);
    for (const part of folded.split("\r\n")) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
  });

  it.each([
    { name: "75 ASCII octets stay on one line", line: "a".repeat(75), expected: ["a".repeat(75)] },
    { name: "76 ASCII octets fold after 75", line: "a".repeat(76), expected: ["a".repeat(75), " a"] },
    { name: "a short line with umlauts stays", line: "SUMMARY:Bürgerbüro Öffnungszeiten", expected: ["SUMMARY:Bürgerbüro Öffnungszeiten"] },
    { name: "a two-octet character that would cross 75 moves on", line: "a".repeat(74) + "ü", expected: ["a".repeat(74), " ü"] },
    { name: "a four-octet character is never split", line: "a".repeat(73) + "📅b", expected: ["a".repeat(73), " 📅b"] },
    { name: "continuation lines hold 74 octets after the space", line: "a".repeat(75 + 74 + 1), expected: ["a".repeat(75), " " + "a".repeat(74), " a"] },
  ])("$name", ({ line, expected }) => {
    expect(foldLine(line).split("\r\n")).toEqual(expected);
  });
});
