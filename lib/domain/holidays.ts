/**
 * Statutory public holidays of the German federal states, derived from rules
 * so that any year works without yearly maintenance.
 *
 * Only holidays that apply state-wide are modelled. Not modelled:
 * - Mariä Himmelfahrt in Bavaria (only municipalities with a Catholic majority),
 * - Augsburger Hohes Friedensfest (city of Augsburg only),
 * - Fronleichnam in Catholic municipalities of Saxony and Thuringia,
 * - state-specific differences before 1995 (e.g. Buß- und Bettag was a
 *   nationwide holiday until 1994) and the pre-1990 West German 17 June.
 * Offices in such municipalities need their closures entered as local
 * closing days instead.
 */

import {
  addDays,
  diffDays,
  isoWeekday,
  localDateFromParts,
  parseLocalDate,
  tryLocalDateFromParts,
  type LocalDate,
} from "./zoned-time";

export const FEDERAL_STATE_CODES = [
  "BW",
  "BY",
  "BE",
  "BB",
  "HB",
  "HH",
  "HE",
  "MV",
  "NI",
  "NW",
  "RP",
  "SL",
  "SN",
  "ST",
  "SH",
  "TH",
] as const;

export type FederalStateCode = (typeof FEDERAL_STATE_CODES)[number];

export type LocalizedName = { de: string; en: string };

export const FEDERAL_STATES: Record<FederalStateCode, LocalizedName> = {
  BW: { de: "Baden-Württemberg", en: "Baden-Württemberg" },
  BY: { de: "Bayern", en: "Bavaria" },
  BE: { de: "Berlin", en: "Berlin" },
  BB: { de: "Brandenburg", en: "Brandenburg" },
  HB: { de: "Bremen", en: "Bremen" },
  HH: { de: "Hamburg", en: "Hamburg" },
  HE: { de: "Hessen", en: "Hesse" },
  MV: { de: "Mecklenburg-Vorpommern", en: "Mecklenburg-Western Pomerania" },
  NI: { de: "Niedersachsen", en: "Lower Saxony" },
  NW: { de: "Nordrhein-Westfalen", en: "North Rhine-Westphalia" },
  RP: { de: "Rheinland-Pfalz", en: "Rhineland-Palatinate" },
  SL: { de: "Saarland", en: "Saarland" },
  SN: { de: "Sachsen", en: "Saxony" },
  ST: { de: "Sachsen-Anhalt", en: "Saxony-Anhalt" },
  SH: { de: "Schleswig-Holstein", en: "Schleswig-Holstein" },
  TH: { de: "Thüringen", en: "Thuringia" },
};

export type HolidayRule =
  | { kind: "fixed"; month: number; day: number }
  | { kind: "easter"; offsetDays: number }
  /** The Wednesday strictly before the given date (Buß- und Bettag: before 23 November). */
  | { kind: "wednesday-before"; month: number; day: number };

/**
 * One rule for a group of states. A holiday whose validity differs between
 * states (e.g. Reformationstag) gets one definition per group under the same
 * key; holidaysInYear merges duplicates.
 */
export type HolidayDefinition = {
  key: string;
  name: LocalizedName;
  rule: HolidayRule;
  states: "all" | readonly FederalStateCode[];
  /** First year the holiday applies (inclusive). */
  fromYear?: number;
  /** Last year the holiday applies (inclusive). */
  toYear?: number;
  /** One-off holidays, e.g. anniversaries. */
  onlyYears?: readonly number[];
};

export type Holiday = { date: LocalDate; key: string; name: LocalizedName };

const NAMES = {
  newYearsDay: { de: "Neujahr", en: "New Year's Day" },
  epiphany: { de: "Heilige Drei Könige", en: "Epiphany" },
  womensDay: { de: "Internationaler Frauentag", en: "International Women's Day" },
  goodFriday: { de: "Karfreitag", en: "Good Friday" },
  easterSunday: { de: "Ostersonntag", en: "Easter Sunday" },
  easterMonday: { de: "Ostermontag", en: "Easter Monday" },
  labourDay: { de: "Tag der Arbeit", en: "Labour Day" },
  liberationDay: { de: "Tag der Befreiung", en: "Liberation Day" },
  ascensionDay: { de: "Christi Himmelfahrt", en: "Ascension Day" },
  whitSunday: { de: "Pfingstsonntag", en: "Whit Sunday" },
  whitMonday: { de: "Pfingstmontag", en: "Whit Monday" },
  corpusChristi: { de: "Fronleichnam", en: "Corpus Christi" },
  assumptionDay: { de: "Mariä Himmelfahrt", en: "Assumption Day" },
  childrensDay: { de: "Weltkindertag", en: "World Children's Day" },
  germanUnityDay: { de: "Tag der Deutschen Einheit", en: "Day of German Unity" },
  reformationDay: { de: "Reformationstag", en: "Reformation Day" },
  allSaintsDay: { de: "Allerheiligen", en: "All Saints' Day" },
  repentanceDay: { de: "Buß- und Bettag", en: "Day of Prayer and Repentance" },
  christmasDay: { de: "1. Weihnachtstag", en: "Christmas Day" },
  secondChristmasDay: { de: "2. Weihnachtstag", en: "Boxing Day" },
} as const satisfies Record<string, LocalizedName>;

export const HOLIDAY_DEFINITIONS: readonly HolidayDefinition[] = [
  { key: "new-years-day", name: NAMES.newYearsDay, rule: { kind: "fixed", month: 1, day: 1 }, states: "all" },
  { key: "epiphany", name: NAMES.epiphany, rule: { kind: "fixed", month: 1, day: 6 }, states: ["BW", "BY", "ST"] },
  {
    key: "womens-day",
    name: NAMES.womensDay,
    rule: { kind: "fixed", month: 3, day: 8 },
    states: ["BE"],
    fromYear: 2019,
  },
  {
    key: "womens-day",
    name: NAMES.womensDay,
    rule: { kind: "fixed", month: 3, day: 8 },
    states: ["MV"],
    fromYear: 2023,
  },
  { key: "good-friday", name: NAMES.goodFriday, rule: { kind: "easter", offsetDays: -2 }, states: "all" },
  { key: "easter-sunday", name: NAMES.easterSunday, rule: { kind: "easter", offsetDays: 0 }, states: ["BB"] },
  { key: "easter-monday", name: NAMES.easterMonday, rule: { kind: "easter", offsetDays: 1 }, states: "all" },
  { key: "labour-day", name: NAMES.labourDay, rule: { kind: "fixed", month: 5, day: 1 }, states: "all" },
  // Berlin's one-off holidays for the 75th and 80th anniversaries of the end of WWII.
  {
    key: "liberation-day",
    name: NAMES.liberationDay,
    rule: { kind: "fixed", month: 5, day: 8 },
    states: ["BE"],
    onlyYears: [2020, 2025],
  },
  { key: "ascension-day", name: NAMES.ascensionDay, rule: { kind: "easter", offsetDays: 39 }, states: "all" },
  { key: "whit-sunday", name: NAMES.whitSunday, rule: { kind: "easter", offsetDays: 49 }, states: ["BB"] },
  { key: "whit-monday", name: NAMES.whitMonday, rule: { kind: "easter", offsetDays: 50 }, states: "all" },
  {
    key: "corpus-christi",
    name: NAMES.corpusChristi,
    rule: { kind: "easter", offsetDays: 60 },
    states: ["BW", "BY", "HE", "NW", "RP", "SL"],
  },
  // Also a holiday in Bavarian municipalities with a Catholic majority, which is not modelled.
  { key: "assumption-day", name: NAMES.assumptionDay, rule: { kind: "fixed", month: 8, day: 15 }, states: ["SL"] },
  {
    key: "world-childrens-day",
    name: NAMES.childrensDay,
    rule: { kind: "fixed", month: 9, day: 20 },
    states: ["TH"],
    fromYear: 2019,
  },
  {
    key: "german-unity-day",
    name: NAMES.germanUnityDay,
    rule: { kind: "fixed", month: 10, day: 3 },
    states: "all",
    fromYear: 1990,
  },
  {
    key: "reformation-day",
    name: NAMES.reformationDay,
    rule: { kind: "fixed", month: 10, day: 31 },
    states: ["BB", "MV", "SN", "ST", "TH"],
  },
  {
    key: "reformation-day",
    name: NAMES.reformationDay,
    rule: { kind: "fixed", month: 10, day: 31 },
    states: ["HB", "HH", "NI", "SH"],
    fromYear: 2018,
  },
  // 500th anniversary of the Reformation.
  {
    key: "reformation-day",
    name: NAMES.reformationDay,
    rule: { kind: "fixed", month: 10, day: 31 },
    states: "all",
    onlyYears: [2017],
  },
  {
    key: "all-saints-day",
    name: NAMES.allSaintsDay,
    rule: { kind: "fixed", month: 11, day: 1 },
    states: ["BW", "BY", "NW", "RP", "SL"],
  },
  {
    key: "repentance-day",
    name: NAMES.repentanceDay,
    rule: { kind: "wednesday-before", month: 11, day: 23 },
    states: ["SN"],
  },
  { key: "christmas-day", name: NAMES.christmasDay, rule: { kind: "fixed", month: 12, day: 25 }, states: "all" },
  {
    key: "second-christmas-day",
    name: NAMES.secondChristmasDay,
    rule: { kind: "fixed", month: 12, day: 26 },
    states: "all",
  },
];

// The Gregorian computus is only meaningful once the Gregorian calendar exists.
const MIN_YEAR = 1583;
const MAX_YEAR = 9999;

function requireSupportedYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`Year must be an integer in ${MIN_YEAR}..${MAX_YEAR}, got ${year}`);
  }
}

/** Anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): LocalDate {
  requireSupportedYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return localDateFromParts(year, month, day);
}

function appliesTo(definition: HolidayDefinition, year: number, state: FederalStateCode): boolean {
  if (definition.states !== "all" && !definition.states.includes(state)) return false;
  if (definition.fromYear !== undefined && year < definition.fromYear) return false;
  if (definition.toYear !== undefined && year > definition.toYear) return false;
  if (definition.onlyYears !== undefined && !definition.onlyYears.includes(year)) return false;
  return true;
}

/** Returns null when a fixed date does not exist in that year (e.g. 29 February). */
function dateOfRule(rule: HolidayRule, year: number, easter: LocalDate): LocalDate | null {
  switch (rule.kind) {
    case "fixed":
      return tryLocalDateFromParts(year, rule.month, rule.day);
    case "easter":
      return addDays(easter, rule.offsetDays);
    case "wednesday-before": {
      const reference = localDateFromParts(year, rule.month, rule.day);
      const WEDNESDAY = 3;
      // "Strictly before": a reference date that is itself a Wednesday yields the previous week's.
      const daysBack = (isoWeekday(reference) - WEDNESDAY + 7) % 7 || 7;
      return addDays(reference, -daysBack);
    }
  }
}

export function holidaysInYear(year: number, state: FederalStateCode): Holiday[] {
  requireSupportedYear(year);
  if (!isFederalStateCode(state)) throw new RangeError(`Unknown federal state: ${String(state)}`);
  const easter = easterSunday(year);
  const holidays: Holiday[] = [];
  const seen = new Set<string>();
  for (const definition of HOLIDAY_DEFINITIONS) {
    if (!appliesTo(definition, year, state)) continue;
    const date = dateOfRule(definition.rule, year, easter);
    if (date === null) continue;
    // Overlapping definitions of the same holiday (Reformationstag 2017) must count once.
    const identity = `${definition.key}@${date}`;
    if (seen.has(identity)) continue;
    seen.add(identity);
    holidays.push({ date, key: definition.key, name: { ...definition.name } });
  }
  // Array.prototype.sort is stable, so holidays on the same date (e.g.
  // Himmelfahrt on 1 May 2008) keep their definition order.
  return holidays.sort((left, right) => (left.date < right.date ? -1 : left.date > right.date ? 1 : 0));
}

/**
 * Holidays in the inclusive range, keyed by date. If two holidays share a date,
 * the one listed first in HOLIDAY_DEFINITIONS wins; callers only need to know
 * that the office is closed.
 */
export function holidaysBetween(from: LocalDate, to: LocalDate, state: FederalStateCode): Map<LocalDate, Holiday> {
  const fromParts = parseLocalDate(from);
  const toParts = parseLocalDate(to);
  if (!fromParts || !toParts) throw new RangeError(`Invalid date range: "${from}" – "${to}"`);
  const result = new Map<LocalDate, Holiday>();
  if (diffDays(from, to) < 0) return result;
  for (let year = fromParts.year; year <= toParts.year; year++) {
    for (const holiday of holidaysInYear(year, state)) {
      if (holiday.date >= from && holiday.date <= to && !result.has(holiday.date)) {
        result.set(holiday.date, holiday);
      }
    }
  }
  return result;
}

export function isFederalStateCode(value: string): value is FederalStateCode {
  return (FEDERAL_STATE_CODES as readonly string[]).includes(value);
}
