import { describe, expect, it } from "vitest";
import type { z } from "zod";
import de from "@/lib/i18n/messages/de.json";
import en from "@/lib/i18n/messages/en.json";
import { capacityWindowSchema, closureSchema, openingRangeSchema, walkInBlockSchema } from "./capacity";

/**
 * The capacity and closure forms check these schemas in the browser (react-hook-form) and the server actions parse
 * them again. The inputs below are what those forms hold: strings, "HH:MM" and "YYYY-MM-DD".
 */

/** The key a form shows for a field: its message if the catalogue knows it, otherwise "invalid" (as the forms do). */
function shownKey(schema: z.ZodType, input: unknown, field: string): string | undefined {
  const issue = schema.safeParse(input).error?.issues.find((i) => i.path.join(".") === field);
  if (!issue) return undefined;
  return issue.message in de.errors.fields ? issue.message : "invalid";
}

type Case = { field: string; value: unknown; key: string; also?: Record<string, unknown> };

const range = { locationId: "3", weekday: "2", startMinute: "08:00", endMinute: "12:30" };
const recurring = { locationId: "3", weekday: "", startMinute: "08:00", endMinute: "12:30", validFrom: "", validUntil: "" };
const capacityWindow = { ...recurring, onlineCounters: "2", staffCounters: "0" };
const walkIn = { ...recurring, counters: "1", note: "" };
const closure = { locationId: "alle", startDate: "2026-12-24", endDate: "2026-12-24", startMinute: "", endMinute: "", reason: " Betriebsversammlung " };

/** Times and validity periods: the same rules in windows and walk-in blocks. */
const RECURRING_CASES: Case[] = [
  { field: "startMinute", value: "", key: "time_invalid" },
  { field: "startMinute", value: "8:00", key: "time_invalid" },
  { field: "endMinute", value: "24:30", key: "time_invalid" },
  { field: "endMinute", value: "08:00", key: "end_before_start" },
  { field: "validFrom", value: "2026-02-30", key: "date_invalid" },
  { field: "validUntil", value: "2026-01-31", key: "end_before_start", also: { validFrom: "2026-02-01" } },
  { field: "weekday", value: "8", key: "invalid" },
];

const OPENING_CASES: Case[] = [
  { field: "weekday", value: "", key: "required" },
  { field: "weekday", value: "8", key: "invalid" },
  { field: "startMinute", value: "", key: "time_invalid" },
  { field: "startMinute", value: "ab:cd", key: "time_invalid" },
  { field: "endMinute", value: "08:00", key: "end_before_start" },
  { field: "locationId", value: "0", key: "invalid" },
];

const WINDOW_CASES: Case[] = [
  ...RECURRING_CASES,
  { field: "onlineCounters", value: "0", key: "counters_required", also: { staffCounters: "0" } },
  { field: "onlineCounters", value: "51", key: "invalid" },
  { field: "staffCounters", value: "-1", key: "invalid" },
  { field: "staffCounters", value: "1.5", key: "invalid" },
];

const WALK_IN_CASES: Case[] = [
  ...RECURRING_CASES,
  { field: "counters", value: "0", key: "counters_required" },
  { field: "counters", value: "51", key: "invalid" },
  { field: "note", value: "x".repeat(201), key: "invalid" },
];

const CLOSURE_CASES: Case[] = [
  { field: "startDate", value: "", key: "date_invalid" },
  { field: "endDate", value: "24.12.2026", key: "date_invalid" },
  { field: "endDate", value: "2026-12-23", key: "end_before_start" },
  { field: "startMinute", value: "25:00", key: "time_invalid" },
  { field: "endMinute", value: "9", key: "time_invalid" },
  { field: "reason", value: "   ", key: "reason_required" },
  { field: "reason", value: "x".repeat(201), key: "invalid" },
  { field: "locationId", value: "abc", key: "invalid" },
];

describe("opening range schema", () => {
  it("turns the form's strings into a location, weekday and minutes of the day", () => {
    expect(openingRangeSchema.parse(range)).toEqual({ locationId: 3, weekday: 2, startMinute: 480, endMinute: 750 });
  });

  it.each(OPENING_CASES)("rejects $field = $value with $key", ({ field, value, key, also }) => {
    expect(shownKey(openingRangeSchema, { ...range, ...also, [field]: value }, field)).toBe(key);
  });
});

describe("capacity window schema", () => {
  it("accepts every day, open-ended, for all concerns", () => {
    expect(capacityWindowSchema.parse(capacityWindow)).toEqual({
      locationId: 3,
      weekday: null,
      validFrom: null,
      validUntil: null,
      startMinute: 480,
      endMinute: 750,
      note: null,
      onlineCounters: 2,
      staffCounters: 0,
      concernIds: [],
    });
  });

  it.each([
    { concernIds: "7", expected: [7] },
    { concernIds: ["7", "9"], expected: [7, 9] },
  ])("takes one chosen concern or several: $concernIds", ({ concernIds, expected }) => {
    expect(capacityWindowSchema.parse({ ...capacityWindow, weekday: "5", validFrom: "2026-03-01", validUntil: "2026-03-31", concernIds })).toMatchObject({
      weekday: 5,
      validFrom: "2026-03-01",
      validUntil: "2026-03-31",
      concernIds: expected,
    });
  });

  it("accepts a window only for staff (no online counters)", () => {
    expect(capacityWindowSchema.parse({ ...capacityWindow, onlineCounters: "0", staffCounters: "1" })).toMatchObject({ onlineCounters: 0, staffCounters: 1 });
  });

  it.each(WINDOW_CASES)("rejects $field = $value with $key", ({ field, value, key, also }) => {
    expect(shownKey(capacityWindowSchema, { ...capacityWindow, ...also, [field]: value }, field)).toBe(key);
  });
});

describe("walk-in block schema", () => {
  it("accepts a block with a note", () => {
    expect(walkInBlockSchema.parse({ ...walkIn, weekday: "1", counters: "2", note: " Nur Abholung " })).toMatchObject({ weekday: 1, counters: 2, note: "Nur Abholung", startMinute: 480, endMinute: 750 });
  });

  it.each(WALK_IN_CASES)("rejects $field = $value with $key", ({ field, value, key, also }) => {
    expect(shownKey(walkInBlockSchema, { ...walkIn, ...also, [field]: value }, field)).toBe(key);
  });
});

describe("closure schema", () => {
  it("accepts a whole day at every location", () => {
    expect(closureSchema.parse(closure)).toEqual({ locationId: null, startDate: "2026-12-24", endDate: "2026-12-24", startMinute: null, endMinute: null, reason: "Betriebsversammlung" });
  });

  it("accepts hours at one location", () => {
    expect(closureSchema.parse({ ...closure, locationId: "2", startMinute: "12:00", endMinute: "16:00" })).toMatchObject({ locationId: 2, startMinute: 720, endMinute: 960 });
  });

  it.each(CLOSURE_CASES)("rejects $field = $value with $key", ({ field, value, key, also }) => {
    expect(shownKey(closureSchema, { ...closure, ...also, [field]: value }, field)).toBe(key);
  });
});

describe("message keys", () => {
  const keys = [...new Set([...OPENING_CASES, ...WINDOW_CASES, ...WALK_IN_CASES, ...CLOSURE_CASES].map((c) => c.key))];
  it.each(keys)("has a German and an English text for %s", (key) => {
    expect(de.errors.fields).toHaveProperty(key);
    expect(en.errors.fields).toHaveProperty(key);
  });
});
