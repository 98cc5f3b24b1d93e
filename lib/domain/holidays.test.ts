import { describe, expect, it } from "vitest";
import {
  easterSunday,
  FEDERAL_STATE_CODES,
  FEDERAL_STATES,
  HOLIDAY_DEFINITIONS,
  holidaysBetween,
  holidaysInYear,
  isFederalStateCode,
  type FederalStateCode,
} from "./holidays";
import { addDays, isoWeekday, localDateFromParts } from "./zoned-time";

function holidayKeysOn(date: string, state: FederalStateCode): string[] {
  const year = Number(date.slice(0, 4));
  return holidaysInYear(year, state)
    .filter((holiday) => holiday.date === date)
    .map((holiday) => holiday.key);
}

function datesOf(key: string, year: number, state: FederalStateCode): string[] {
  return holidaysInYear(year, state)
    .filter((holiday) => holiday.key === key)
    .map((holiday) => holiday.date);
}

describe("easterSunday", () => {
  it.each([
    [1818, "1818-03-22"],
    [1943, "1943-04-25"],
    [2000, "2000-04-23"],
    [2008, "2008-03-23"],
    [2011, "2011-04-24"],
    [2019, "2019-04-21"],
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2028, "2028-04-16"],
    [2038, "2038-04-25"],
    [2285, "2285-03-22"],
  ])("%i -> %s", (year, expected) => {
    expect(easterSunday(year)).toBe(expected);
  });

  it("is always a Sunday between 22 March and 25 April", () => {
    for (let year = 1583; year <= 3000; year++) {
      const easter = easterSunday(year);
      expect(isoWeekday(easter)).toBe(7);
      expect(easter >= `${year}-03-22` && easter <= `${year}-04-25`).toBe(true);
    }
  });

  it.each([1582, 10_000, 2026.5, Number.NaN])("rejects year %s", (year) => {
    expect(() => easterSunday(year)).toThrow(RangeError);
  });
});

describe("holidaysInYear", () => {
  it("lists Lower Saxony 2026 completely and in date order", () => {
    expect(holidaysInYear(2026, "NI").map(({ date, key, name }) => [date, key, name.de])).toEqual([
      ["2026-01-01", "new-years-day", "Neujahr"],
      ["2026-04-03", "good-friday", "Karfreitag"],
      ["2026-04-06", "easter-monday", "Ostermontag"],
      ["2026-05-01", "labour-day", "Tag der Arbeit"],
      ["2026-05-14", "ascension-day", "Christi Himmelfahrt"],
      ["2026-05-25", "whit-monday", "Pfingstmontag"],
      ["2026-10-03", "german-unity-day", "Tag der Deutschen Einheit"],
      ["2026-10-31", "reformation-day", "Reformationstag"],
      ["2026-12-25", "christmas-day", "1. Weihnachtstag"],
      ["2026-12-26", "second-christmas-day", "2. Weihnachtstag"],
    ]);
  });

  it.each([
    [2024, "2024-03-29", "2024-04-01", "2024-05-09", "2024-05-20"],
    [2025, "2025-04-18", "2025-04-21", "2025-05-29", "2025-06-09"],
    [2026, "2026-04-03", "2026-04-06", "2026-05-14", "2026-05-25"],
    [2027, "2027-03-26", "2027-03-29", "2027-05-06", "2027-05-17"],
    [2028, "2028-04-14", "2028-04-17", "2028-05-25", "2028-06-05"],
  ])("NI %i: Easter-based holidays and Reformationstag", (year, goodFriday, easterMonday, ascension, whitMonday) => {
    expect(datesOf("good-friday", year, "NI")).toEqual([goodFriday]);
    expect(datesOf("easter-monday", year, "NI")).toEqual([easterMonday]);
    expect(datesOf("ascension-day", year, "NI")).toEqual([ascension]);
    expect(datesOf("whit-monday", year, "NI")).toEqual([whitMonday]);
    expect(datesOf("reformation-day", year, "NI")).toEqual([`${year}-10-31`]);
  });

  it.each<[FederalStateCode, number, boolean]>([
    ["NI", 2016, false],
    ["NI", 2017, true],
    ["NI", 2018, true],
    ["NI", 2030, true],
    ["HH", 2017, true],
    ["HH", 2016, false],
    ["BY", 2017, true],
    ["BY", 2018, false],
    ["NW", 2016, false],
    ["BB", 2016, true],
    ["SN", 2010, true],
  ])("Reformationstag in %s %i: %s", (state, year, expected) => {
    // Exactly once, even where the 2017 one-off overlaps a permanent rule.
    expect(datesOf("reformation-day", year, state)).toEqual(expected ? [`${year}-10-31`] : []);
  });

  it.each([
    [2022, "2022-11-16"],
    [2023, "2023-11-22"],
    [2024, "2024-11-20"],
    [2025, "2025-11-19"],
    [2026, "2026-11-18"],
    [2027, "2027-11-17"],
  ])("Buß- und Bettag in Saxony %i is %s", (year, expected) => {
    expect(datesOf("repentance-day", year, "SN")).toEqual([expected]);
    expect(datesOf("repentance-day", year, "BY")).toEqual([]);
  });

  it("Buß- und Bettag is always 11 days before the first Sunday of Advent", () => {
    for (let year = 1995; year <= 2200; year++) {
      const christmas = localDateFromParts(year, 12, 25);
      // Fourth Sunday before Christmas Day, Christmas itself excluded.
      const lastSundayBeforeChristmas = addDays(christmas, -(isoWeekday(christmas) % 7 || 7));
      const firstAdvent = addDays(lastSundayBeforeChristmas, -21);
      expect(datesOf("repentance-day", year, "SN")).toEqual([addDays(firstAdvent, -11)]);
    }
  });

  it.each<[string, FederalStateCode, string, boolean]>([
    ["corpus-christi", "BY", "2026-06-04", true],
    ["corpus-christi", "NW", "2026-06-04", true],
    ["corpus-christi", "NI", "2026-06-04", false],
    ["epiphany", "BW", "2026-01-06", true],
    ["epiphany", "ST", "2026-01-06", true],
    ["epiphany", "NI", "2026-01-06", false],
    ["womens-day", "BE", "2026-03-08", true],
    ["womens-day", "BE", "2019-03-08", true],
    ["womens-day", "BE", "2018-03-08", false],
    ["womens-day", "NI", "2026-03-08", false],
    ["womens-day", "MV", "2022-03-08", false],
    ["womens-day", "MV", "2023-03-08", true],
    ["liberation-day", "BE", "2020-05-08", true],
    ["liberation-day", "BE", "2025-05-08", true],
    ["liberation-day", "BE", "2026-05-08", false],
    ["liberation-day", "NI", "2025-05-08", false],
    ["easter-sunday", "BB", "2026-04-05", true],
    ["easter-sunday", "BE", "2026-04-05", false],
    ["whit-sunday", "BB", "2026-05-24", true],
    ["assumption-day", "SL", "2026-08-15", true],
    ["assumption-day", "BY", "2026-08-15", false],
    ["world-childrens-day", "TH", "2019-09-20", true],
    ["world-childrens-day", "TH", "2018-09-20", false],
    ["all-saints-day", "RP", "2026-11-01", true],
    ["all-saints-day", "HE", "2026-11-01", false],
    ["german-unity-day", "SH", "1990-10-03", true],
    ["german-unity-day", "SH", "1989-10-03", false],
  ])("%s in %s on %s: %s", (key, state, date, expected) => {
    expect(holidayKeysOn(date, state).includes(key)).toBe(expected);
  });

  it.each<[FederalStateCode, number]>([
    ["BW", 12],
    ["BY", 12],
    ["BE", 10],
    ["BB", 12],
    ["HB", 10],
    ["HH", 10],
    ["HE", 10],
    ["MV", 11],
    ["NI", 10],
    ["NW", 11],
    ["RP", 11],
    ["SL", 12],
    ["SN", 11],
    ["ST", 11],
    ["SH", 10],
    ["TH", 11],
  ])("%s has %i holidays in 2026 (at least the 9 nationwide ones)", (state, expected) => {
    const holidays = holidaysInYear(2026, state);
    expect(holidays.length).toBeGreaterThanOrEqual(9);
    expect(holidays).toHaveLength(expected);
    const dates = holidays.map((holiday) => holiday.date);
    expect(dates).toEqual([...dates].sort());
    for (const holiday of holidays) {
      expect(holiday.date.startsWith("2026-")).toBe(true);
      expect(holiday.name.de).not.toBe("");
      expect(holiday.name.en).not.toBe("");
    }
  });

  it("keeps both holidays when Ascension Day falls on 1 May (2008)", () => {
    expect(holidayKeysOn("2008-05-01", "NI")).toEqual(["labour-day", "ascension-day"]);
  });

  it("rejects unsupported years and unknown states", () => {
    expect(() => holidaysInYear(1500, "NI")).toThrow(RangeError);
    expect(() => holidaysInYear(2026, "XX" as FederalStateCode)).toThrow(RangeError);
  });
});

describe("holidaysBetween", () => {
  it.each<[FederalStateCode, string, string, string[]]>([
    ["BY", "2026-12-20", "2027-01-10", ["2026-12-25", "2026-12-26", "2027-01-01", "2027-01-06"]],
    ["NI", "2026-12-20", "2027-01-10", ["2026-12-25", "2026-12-26", "2027-01-01"]],
    ["NI", "2026-12-26", "2027-01-01", ["2026-12-26", "2027-01-01"]],
    ["NI", "2026-12-27", "2026-12-31", []],
    ["NI", "2027-01-01", "2026-12-01", []],
    [
      "SN",
      "2025-11-01",
      "2027-01-01",
      [
        "2025-11-19",
        "2025-12-25",
        "2025-12-26",
        "2026-01-01",
        "2026-04-03",
        "2026-04-06",
        "2026-05-01",
        "2026-05-14",
        "2026-05-25",
        "2026-10-03",
        "2026-10-31",
        "2026-11-18",
        "2026-12-25",
        "2026-12-26",
        "2027-01-01",
      ],
    ],
  ])("%s from %s to %s (inclusive)", (state, from, to, expected) => {
    expect([...holidaysBetween(from, to, state).keys()]).toEqual(expected);
  });

  it("maps each date to its holiday; the first definition wins on shared dates", () => {
    const holidays = holidaysBetween("2008-04-30", "2008-05-02", "NI");
    expect(holidays.get("2008-05-01")?.key).toBe("labour-day");
    expect(holidays.size).toBe(1);
    expect(holidaysBetween("2026-12-24", "2026-12-26", "HH").get("2026-12-26")?.name).toEqual({
      de: "2. Weihnachtstag",
      en: "Boxing Day",
    });
  });

  it("covers a whole year the same way as holidaysInYear", () => {
    for (const state of FEDERAL_STATE_CODES) {
      const expected = holidaysInYear(2026, state).map((holiday) => holiday.date);
      expect([...holidaysBetween("2026-01-01", "2026-12-31", state).keys()]).toEqual(expected);
    }
  });

  it("rejects invalid dates", () => {
    expect(() => holidaysBetween("2026-02-30", "2026-03-01", "NI")).toThrow(RangeError);
  });
});

describe("federal states", () => {
  it.each([
    ["NI", true],
    ["BY", true],
    ["TH", true],
    ["ni", false],
    ["DE", false],
    ["", false],
  ])("isFederalStateCode(%j) = %s", (value, expected) => {
    expect(isFederalStateCode(value)).toBe(expected);
  });

  it("has names for all 16 states", () => {
    expect(FEDERAL_STATE_CODES).toHaveLength(16);
    expect(Object.keys(FEDERAL_STATES).sort()).toEqual([...FEDERAL_STATE_CODES].sort());
    expect(FEDERAL_STATES.NI).toEqual({ de: "Niedersachsen", en: "Lower Saxony" });
    expect(FEDERAL_STATES.TH).toEqual({ de: "Thüringen", en: "Thuringia" });
  });

  it("only references known states in the holiday definitions", () => {
    for (const definition of HOLIDAY_DEFINITIONS) {
      if (definition.states === "all") continue;
      for (const state of definition.states) expect(isFederalStateCode(state)).toBe(true);
    }
  });
});
