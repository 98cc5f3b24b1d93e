import { describe, expect, it } from "vitest";
import {
  addDays,
  diffDays,
  formatTimeOfDay,
  instantToZoned,
  isoWeekday,
  isValidLocalDate,
  parseLocalDate,
  parseTimeOfDay,
  startOfZonedDay,
  zonedDayLengthMinutes,
  zonedToInstant,
  type IsoWeekday,
} from "./zoned-time";

const BERLIN = "Europe/Berlin";
const NEW_YORK = "America/New_York";
const KOLKATA = "Asia/Kolkata";

describe("parseLocalDate / isValidLocalDate", () => {
  it.each([
    ["2026-01-01", { year: 2026, month: 1, day: 1 }],
    ["2026-12-31", { year: 2026, month: 12, day: 31 }],
    ["2028-02-29", { year: 2028, month: 2, day: 29 }],
    ["2000-02-29", { year: 2000, month: 2, day: 29 }],
    ["2026-04-30", { year: 2026, month: 4, day: 30 }],
  ])("accepts %s", (input, expected) => {
    expect(parseLocalDate(input)).toEqual(expected);
    expect(isValidLocalDate(input)).toBe(true);
  });

  it.each([
    "2026-02-30",
    "2027-02-29",
    "1900-02-29",
    "2026-04-31",
    "2026-13-01",
    "2026-00-10",
    "2026-01-00",
    "2026-1-01",
    "26-01-01",
    "0000-01-01",
    " 2026-01-01",
    "2026-01-01T00:00",
    "",
  ])("rejects %j", (input) => {
    expect(parseLocalDate(input)).toBeNull();
    expect(isValidLocalDate(input)).toBe(false);
  });
});

describe("parseTimeOfDay / formatTimeOfDay", () => {
  it.each([
    ["00:00", 0],
    ["08:30", 510],
    ["12:05", 725],
    ["23:59", 1439],
    ["24:00", 1440],
  ])("parses %s as %i minutes and formats it back", (text, minutes) => {
    expect(parseTimeOfDay(text)).toBe(minutes);
    expect(formatTimeOfDay(minutes)).toBe(text);
  });

  it.each(["24:01", "25:00", "12:60", "7:5", "8:30", "08:30:00", "08-30", "ab:cd", " 08:30", ""])(
    "rejects %j",
    (text) => {
      expect(parseTimeOfDay(text)).toBeNull();
    },
  );

  it.each([-1, 1441, 1.5, Number.NaN])("formatTimeOfDay throws for %s", (minutes) => {
    expect(() => formatTimeOfDay(minutes)).toThrow(RangeError);
  });
});

describe("addDays / diffDays", () => {
  it.each([
    ["2026-01-31", 1, "2026-02-01"],
    ["2026-02-28", 1, "2026-03-01"],
    ["2026-03-01", -1, "2026-02-28"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2027-01-01", -1, "2026-12-31"],
    ["2028-02-28", 1, "2028-02-29"],
    ["2028-02-29", 1, "2028-03-01"],
    ["2028-03-01", -1, "2028-02-29"],
    ["2028-02-29", 365, "2029-02-28"],
    ["2028-02-29", -366, "2027-02-28"],
    ["2000-02-28", 1, "2000-02-29"],
    ["1900-02-28", 1, "1900-03-01"],
    ["2026-03-28", 2, "2026-03-30"],
    ["2026-11-24", 0, "2026-11-24"],
    ["2026-01-01", 1000, "2028-09-27"],
    ["0099-12-31", 1, "0100-01-01"],
  ])("addDays(%s, %i) = %s", (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
    expect(diffDays(date, expected)).toBe(days);
    expect(diffDays(expected, date)).toBe(0 - days);
  });

  it.each([
    ["2026-01-01", "2027-01-01", 365],
    ["2028-01-01", "2029-01-01", 366],
    ["2026-03-29", "2026-03-30", 1],
    ["2026-10-25", "2026-10-24", -1],
  ])("diffDays(%s, %s) = %i", (from, to, expected) => {
    expect(diffDays(from, to)).toBe(expected);
  });

  it("throws for invalid input", () => {
    expect(() => addDays("2026-02-30", 1)).toThrow(RangeError);
    expect(() => addDays("2026-02-01", 0.5)).toThrow(RangeError);
    expect(() => diffDays("2026-01-01", "nope")).toThrow(RangeError);
  });
});

describe("isoWeekday", () => {
  it.each<[string, IsoWeekday]>([
    ["2026-12-01", 2],
    ["2026-11-24", 2],
    ["2026-01-05", 1],
    ["2026-03-29", 7],
    ["2026-10-25", 7],
    ["2028-02-29", 2],
    ["2000-01-01", 6],
    ["1970-01-01", 4],
    ["1969-12-31", 3],
    ["2026-11-20", 5],
  ])("%s is weekday %i", (date, expected) => {
    expect(isoWeekday(date)).toBe(expected);
  });
});

describe("zonedToInstant", () => {
  it.each([
    // Ordinary winter (CET, +01:00) and summer (CEST, +02:00) days.
    [BERLIN, "2026-01-15", "00:00", "2026-01-14T23:00:00.000Z"],
    [BERLIN, "2026-01-15", "08:30", "2026-01-15T07:30:00.000Z"],
    [BERLIN, "2026-01-15", "24:00", "2026-01-15T23:00:00.000Z"],
    [BERLIN, "2026-07-01", "08:30", "2026-07-01T06:30:00.000Z"],
    [BERLIN, "2026-12-31", "24:00", "2026-12-31T23:00:00.000Z"],
    // Spring forward 2026-03-29: 02:00 CET jumps to 03:00 CEST.
    [BERLIN, "2026-03-29", "00:00", "2026-03-28T23:00:00.000Z"],
    [BERLIN, "2026-03-29", "01:59", "2026-03-29T00:59:00.000Z"],
    [BERLIN, "2026-03-29", "02:00", "2026-03-29T01:00:00.000Z"],
    [BERLIN, "2026-03-29", "02:30", "2026-03-29T01:30:00.000Z"],
    [BERLIN, "2026-03-29", "02:59", "2026-03-29T01:59:00.000Z"],
    [BERLIN, "2026-03-29", "03:00", "2026-03-29T01:00:00.000Z"],
    [BERLIN, "2026-03-29", "03:30", "2026-03-29T01:30:00.000Z"],
    [BERLIN, "2026-03-29", "12:00", "2026-03-29T10:00:00.000Z"],
    [BERLIN, "2026-03-29", "24:00", "2026-03-29T22:00:00.000Z"],
    // Fall back 2026-10-25: 03:00 CEST returns to 02:00 CET; 02:xx happens twice.
    [BERLIN, "2026-10-25", "00:00", "2026-10-24T22:00:00.000Z"],
    [BERLIN, "2026-10-25", "01:59", "2026-10-24T23:59:00.000Z"],
    [BERLIN, "2026-10-25", "02:00", "2026-10-25T00:00:00.000Z"],
    [BERLIN, "2026-10-25", "02:30", "2026-10-25T00:30:00.000Z"],
    [BERLIN, "2026-10-25", "02:59", "2026-10-25T00:59:00.000Z"],
    [BERLIN, "2026-10-25", "03:00", "2026-10-25T02:00:00.000Z"],
    [BERLIN, "2026-10-25", "12:00", "2026-10-25T11:00:00.000Z"],
    [BERLIN, "2026-10-25", "24:00", "2026-10-25T23:00:00.000Z"],
    // Other zones: DST switching at a different date and offset.
    [NEW_YORK, "2026-07-04", "12:00", "2026-07-04T16:00:00.000Z"],
    [NEW_YORK, "2026-01-15", "09:00", "2026-01-15T14:00:00.000Z"],
    [NEW_YORK, "2026-03-08", "02:30", "2026-03-08T07:30:00.000Z"],
    [NEW_YORK, "2026-03-08", "03:30", "2026-03-08T07:30:00.000Z"],
    [NEW_YORK, "2026-11-01", "01:30", "2026-11-01T05:30:00.000Z"],
    [NEW_YORK, "2026-11-01", "02:00", "2026-11-01T07:00:00.000Z"],
    // Half-hour offset without DST.
    [KOLKATA, "2026-03-29", "10:00", "2026-03-29T04:30:00.000Z"],
    [KOLKATA, "2026-03-29", "00:00", "2026-03-28T18:30:00.000Z"],
    // 30-minute DST shift: the gap 02:00–02:30 moves forward by only 30 minutes.
    ["Australia/Lord_Howe", "2026-10-04", "02:15", "2026-10-03T15:45:00.000Z"],
    ["UTC", "2026-03-29", "02:30", "2026-03-29T02:30:00.000Z"],
  ])("%s %s %s -> %s", (timeZone, date, time, expected) => {
    const minutes = parseTimeOfDay(time);
    expect(minutes).not.toBeNull();
    expect(zonedToInstant(date, minutes!, timeZone).toISOString()).toBe(expected);
  });

  it("startOfZonedDay equals midnight wall-clock time", () => {
    expect(startOfZonedDay("2026-03-29", BERLIN).toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(startOfZonedDay("2026-10-25", BERLIN).toISOString()).toBe("2026-10-24T22:00:00.000Z");
  });

  it("throws for invalid arguments", () => {
    expect(() => zonedToInstant("2026-02-30", 0, BERLIN)).toThrow(RangeError);
    expect(() => zonedToInstant("2026-02-01", 1441, BERLIN)).toThrow(RangeError);
    expect(() => zonedToInstant("2026-02-01", -1, BERLIN)).toThrow(RangeError);
    expect(() => zonedToInstant("2026-02-01", 0, "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe("zonedDayLengthMinutes", () => {
  it.each([
    [BERLIN, "2026-01-15", 1440],
    [BERLIN, "2026-07-01", 1440],
    [BERLIN, "2026-03-28", 1440],
    [BERLIN, "2026-03-29", 1380],
    [BERLIN, "2026-03-30", 1440],
    [BERLIN, "2026-10-24", 1440],
    [BERLIN, "2026-10-25", 1500],
    [BERLIN, "2026-10-26", 1440],
    [NEW_YORK, "2026-03-08", 1380],
    [NEW_YORK, "2026-11-01", 1500],
    [KOLKATA, "2026-03-29", 1440],
    [KOLKATA, "2026-10-25", 1440],
    ["Australia/Lord_Howe", "2026-10-04", 1410],
  ])("%s %s has %i minutes", (timeZone, date, expected) => {
    expect(zonedDayLengthMinutes(date, timeZone)).toBe(expected);
  });
});

describe("instantToZoned", () => {
  it.each([
    ["2026-01-15T07:30:00Z", BERLIN, "2026-01-15", "08:30", 4, 60],
    ["2026-07-01T06:30:00Z", BERLIN, "2026-07-01", "08:30", 3, 120],
    ["2026-12-31T23:00:00Z", BERLIN, "2027-01-01", "00:00", 5, 60],
    ["2026-12-31T22:59:59Z", BERLIN, "2026-12-31", "23:59", 4, 60],
    // Spring-forward instant 01:00Z.
    ["2026-03-29T00:59:59Z", BERLIN, "2026-03-29", "01:59", 7, 60],
    ["2026-03-29T01:00:00Z", BERLIN, "2026-03-29", "03:00", 7, 120],
    // Fall-back instant 01:00Z.
    ["2026-10-25T00:59:00Z", BERLIN, "2026-10-25", "02:59", 7, 120],
    ["2026-10-25T01:00:00Z", BERLIN, "2026-10-25", "02:00", 7, 60],
    ["2026-10-25T01:30:00Z", BERLIN, "2026-10-25", "02:30", 7, 60],
    ["2026-07-04T16:00:00Z", NEW_YORK, "2026-07-04", "12:00", 6, -240],
    ["2026-01-15T14:00:00Z", NEW_YORK, "2026-01-15", "09:00", 4, -300],
    ["2026-03-29T04:30:00Z", KOLKATA, "2026-03-29", "10:00", 7, 330],
    ["2026-03-28T18:29:59Z", KOLKATA, "2026-03-28", "23:59", 6, 330],
    ["2026-03-29T02:30:00.999Z", "UTC", "2026-03-29", "02:30", 7, 0],
  ])("%s in %s is %s %s (weekday %i, offset %i)", (iso, timeZone, date, time, weekday, offsetMinutes) => {
    expect(instantToZoned(new Date(iso), timeZone)).toEqual({
      date,
      minutesOfDay: parseTimeOfDay(time),
      weekday,
      offsetMinutes,
    });
  });

  it("throws for an invalid Date", () => {
    expect(() => instantToZoned(new Date(Number.NaN), BERLIN)).toThrow(RangeError);
  });
});

describe("round trips", () => {
  const switchDays = [
    [BERLIN, "2026-01-15"],
    [BERLIN, "2026-03-29"],
    [BERLIN, "2026-10-25"],
    [NEW_YORK, "2026-03-08"],
    [NEW_YORK, "2026-11-01"],
    [KOLKATA, "2026-03-29"],
  ] as const;

  it.each(switchDays)("%s %s: every existing wall-clock minute maps back to itself", (timeZone, date) => {
    for (let minutes = 0; minutes < 1440; minutes++) {
      const instant = zonedToInstant(date, minutes, timeZone);
      const zoned = instantToZoned(instant, timeZone);
      const fellIntoGap = zoned.date !== date || zoned.minutesOfDay !== minutes;
      if (fellIntoGap) {
        // Only times inside a spring-forward gap may move, and only forward.
        expect(zonedDayLengthMinutes(date, timeZone)).toBeLessThan(1440);
        expect(zoned.date).toBe(date);
        expect(zoned.minutesOfDay).toBeGreaterThan(minutes);
      }
    }
  });

  it.each(switchDays)("%s around %s: every instant maps back unless it is the later half of an overlap", (timeZone, date) => {
    const start = startOfZonedDay(date, timeZone).getTime();
    const end = startOfZonedDay(addDays(date, 1), timeZone).getTime();
    let remapped = 0;
    for (let ms = start - 3_600_000; ms < end + 3_600_000; ms += 5 * 60_000) {
      const zoned = instantToZoned(new Date(ms), timeZone);
      const back = zonedToInstant(zoned.date, zoned.minutesOfDay, timeZone).getTime();
      if (back !== ms) {
        remapped++;
        // Ambiguous wall-clock time resolves to the earlier instant.
        expect(back).toBeLessThan(ms);
      }
    }
    const overlapMinutes = Math.max(0, zonedDayLengthMinutes(date, timeZone) - 1440);
    expect(remapped).toBe(overlapMinutes / 5);
  });
});
