/**
 * Calendar dates, times of day and their conversion to instants in an IANA
 * time zone.
 *
 * Opening hours and appointment slots are defined as wall-clock times at a
 * specific office ("08:30 in Europe/Berlin"), while bookings are stored as
 * instants. Only Intl is used: Date's own local-time methods depend on the
 * server's time zone, which must never leak into booking logic.
 */

/** Calendar date without a time zone, "YYYY-MM-DD" (years 0001–9999). */
export type LocalDate = string;

/** Monday = 1 … Sunday = 7 (ISO 8601). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type ZonedDateTime = {
  date: LocalDate;
  minutesOfDay: number;
  weekday: IsoWeekday;
  /** Offset from UTC at that instant, e.g. +60 for CET, +120 for CEST. */
  offsetMinutes: number;
};

const MINUTES_PER_DAY = 1440;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const MIN_YEAR = 1;
const MAX_YEAR = 9999;

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_OF_DAY_PATTERN = /^(\d{2}):(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isValidDateParts(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= MIN_YEAR &&
    year <= MAX_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

export function parseLocalDate(s: string): { year: number; month: number; day: number } | null {
  const match = LOCAL_DATE_PATTERN.exec(s);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return isValidDateParts(year, month, day) ? { year, month, day } : null;
}

export function isValidLocalDate(s: string): boolean {
  return parseLocalDate(s) !== null;
}

/**
 * Nothing outside these years can be booked or planned; refusing such dates where they come in (query strings, API
 * parameters) keeps the calendar arithmetic away from years it does not cover (0000, 10000) instead of failing deep
 * inside it.
 */
export const PLAUSIBLE_YEARS = { first: 2000, last: 2999 } as const;

/** A date that exists and lies in PLAUSIBLE_YEARS: what any date typed into a URL or form must be. */
export function isPlausibleLocalDate(s: string): boolean {
  const year = Number(s.slice(0, 4));
  return isValidLocalDate(s) && year >= PLAUSIBLE_YEARS.first && year <= PLAUSIBLE_YEARS.last;
}

/** Builds a LocalDate from numeric parts, or null if that date does not exist. */
export function tryLocalDateFromParts(year: number, month: number, day: number): LocalDate | null {
  if (!isValidDateParts(year, month, day)) return null;
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Builds a LocalDate from numeric parts; throws if that date does not exist. */
export function localDateFromParts(year: number, month: number, day: number): LocalDate {
  const date = tryLocalDateFromParts(year, month, day);
  if (date === null) throw new RangeError(`Invalid calendar date: ${year}-${month}-${day}`);
  return date;
}

function requireLocalDate(date: LocalDate): { year: number; month: number; day: number } {
  const parts = parseLocalDate(date);
  if (!parts) throw new RangeError(`Invalid local date: "${date}"`);
  return parts;
}

// Integer day counting (H. Hinnant's days_from_civil) instead of Date.UTC,
// because Date.UTC silently maps years 0–99 to 1900–1999.
function epochDayFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function partsFromEpochDay(epochDay: number): { year: number; month: number; day: number } {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function epochDayOf(date: LocalDate): number {
  const { year, month, day } = requireLocalDate(date);
  return epochDayFromParts(year, month, day);
}

function localDateFromEpochDay(epochDay: number): LocalDate {
  const { year, month, day } = partsFromEpochDay(epochDay);
  return localDateFromParts(year, month, day);
}

function weekdayFromEpochDay(epochDay: number): IsoWeekday {
  // 1970-01-01 was a Thursday (4).
  return ((((epochDay + 3) % 7) + 7) % 7 + 1) as IsoWeekday;
}

export function addDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return localDateFromEpochDay(epochDayOf(date) + days);
}

export function diffDays(from: LocalDate, to: LocalDate): number {
  return epochDayOf(to) - epochDayOf(from);
}

export function isoWeekday(date: LocalDate): IsoWeekday {
  return weekdayFromEpochDay(epochDayOf(date));
}

/** Strict "HH:MM" (two digits each); "24:00" is accepted as the end of a day. */
export function parseTimeOfDay(s: string): number | null {
  const match = TIME_OF_DAY_PATTERN.exec(s);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 24 || minutes > 59) return null;
  const total = hours * 60 + minutes;
  return total <= MINUTES_PER_DAY ? total : null;
}

function requireMinutesOfDay(minutes: number): void {
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > MINUTES_PER_DAY) {
    throw new RangeError(`Minutes of day must be an integer in 0..${MINUTES_PER_DAY}, got ${minutes}`);
  }
}

export function formatTimeOfDay(minutes: number): string {
  requireMinutesOfDay(minutes);
  const hours = Math.floor(minutes / 60);
  return `${String(hours).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatterCache.get(timeZone);
  if (!formatter) {
    // Explicit Gregorian calendar and Latin digits so formatToParts output is
    // parseable regardless of the runtime's default locale. Throws RangeError
    // for unknown zones, which is the error callers should see.
    formatter = new Intl.DateTimeFormat("en-US-u-ca-gregory-nu-latn", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatterCache.set(timeZone, formatter);
  }
  return formatter;
}

// Keeps Intl away from years it would print with an era (BC) or beyond the
// four-digit LocalDate format; the one-day margin covers any UTC offset.
const MIN_SUPPORTED_MS = epochDayFromParts(MIN_YEAR, 1, 2) * MS_PER_DAY;
const MAX_SUPPORTED_MS = epochDayFromParts(MAX_YEAR, 12, 31) * MS_PER_DAY;

type WallClock = { epochDay: number; secondsOfDay: number };

function wallClockAt(epochMs: number, timeZone: string): WallClock {
  if (!Number.isFinite(epochMs) || epochMs < MIN_SUPPORTED_MS || epochMs >= MAX_SUPPORTED_MS) {
    throw new RangeError(`Instant outside the supported range: ${epochMs}`);
  }
  const fields = new Map<string, number>();
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== "literal") fields.set(part.type, Number(part.value));
  }
  const field = (name: Intl.DateTimeFormatPartTypes): number => {
    const value = fields.get(name);
    if (value === undefined || !Number.isInteger(value)) {
      throw new Error(`Unexpected Intl output for time zone ${timeZone}: no numeric ${name}`);
    }
    return value;
  };
  // Some engines print "24" for midnight even with hourCycle h23 (the date
  // part is still the correct day), so 24 means 0 here.
  const hour = field("hour") % 24;
  return {
    epochDay: epochDayFromParts(field("year"), field("month"), field("day")),
    secondsOfDay: hour * 3600 + field("minute") * 60 + field("second"),
  };
}

/** UTC offset in milliseconds (wall clock minus UTC) at the given instant. */
function offsetMsFromIntl(epochMs: number, timeZone: string): number {
  // Intl has whole-second resolution, so compare against the truncated instant.
  const truncatedMs = Math.floor(epochMs / 1000) * 1000;
  const wall = wallClockAt(truncatedMs, timeZone);
  return wall.epochDay * MS_PER_DAY + wall.secondsOfDay * 1000 - truncatedMs;
}

/*
 * Intl is by far the slowest part of time-zone arithmetic, and the availability engine converts thousands of times
 * per request. Since 1970 every zone's offset changes only at whole quarter hours UTC, so one lookup per zone and
 * quarter hour is exact for the dates this application handles; earlier instants (local mean time with odd
 * second offsets) still ask Intl every time.
 */
const OFFSET_BUCKET_MS = 15 * MS_PER_MINUTE;
const MAX_CACHED_OFFSETS = 200_000;
const offsetCache = new Map<string, Map<number, number>>();

function offsetMsAt(epochMs: number, timeZone: string): number {
  if (epochMs < 0) return offsetMsFromIntl(epochMs, timeZone);
  let zoneCache = offsetCache.get(timeZone);
  if (!zoneCache) {
    zoneCache = new Map();
    offsetCache.set(timeZone, zoneCache);
  }
  const bucket = Math.floor(epochMs / OFFSET_BUCKET_MS);
  let offset = zoneCache.get(bucket);
  if (offset === undefined) {
    if (zoneCache.size >= MAX_CACHED_OFFSETS) zoneCache.clear();
    offset = offsetMsFromIntl(bucket * OFFSET_BUCKET_MS, timeZone);
    zoneCache.set(bucket, offset);
  }
  return offset;
}

export function zonedToInstant(date: LocalDate, minutesOfDay: number, timeZone: string): Date {
  requireMinutesOfDay(minutesOfDay);
  // The wall-clock time read as if it were UTC; subtracting the right offset
  // yields the real instant.
  const wallMs = epochDayOf(date) * MS_PER_DAY + minutesOfDay * MS_PER_MINUTE;

  // Offsets a day either side bracket any single transition near this time
  // (the approach of the Temporal polyfill). An offset is genuine if it maps
  // back to itself; two genuine offsets mean a fall-back overlap, none a gap.
  const offsetBefore = offsetMsAt(wallMs - MS_PER_DAY, timeZone);
  const offsetAfter = offsetMsAt(wallMs + MS_PER_DAY, timeZone);
  const candidates = [offsetBefore, offsetAfter]
    .map((offset) => wallMs - offset)
    .filter((epochMs) => wallMs - epochMs === offsetMsAt(epochMs, timeZone));

  if (candidates.length > 0) {
    // Overlap: the earlier instant, so a slot at 02:30 happens the first time
    // the clock shows 02:30.
    return new Date(Math.min(...candidates));
  }
  // Gap: interpreting the time with the pre-transition offset lands exactly
  // "gap length" later on the post-transition clock (Temporal "compatible").
  return new Date(wallMs - offsetBefore);
}

export function instantToZoned(instant: Date, timeZone: string): ZonedDateTime {
  const epochMs = instant.getTime();
  if (epochMs < 0) {
    const wall = wallClockAt(epochMs, timeZone);
    return {
      date: localDateFromEpochDay(wall.epochDay),
      minutesOfDay: Math.floor(wall.secondsOfDay / 60),
      weekday: weekdayFromEpochDay(wall.epochDay),
      // Rounded because historical local mean times had second-level offsets.
      offsetMinutes: Math.round(offsetMsFromIntl(epochMs, timeZone) / MS_PER_MINUTE),
    };
  }
  const offsetMs = offsetMsAt(epochMs, timeZone);
  const wallMs = epochMs + offsetMs;
  const epochDay = Math.floor(wallMs / MS_PER_DAY);
  return {
    date: localDateFromEpochDay(epochDay),
    minutesOfDay: Math.floor((wallMs - epochDay * MS_PER_DAY) / MS_PER_MINUTE),
    weekday: weekdayFromEpochDay(epochDay),
    offsetMinutes: Math.round(offsetMs / MS_PER_MINUTE),
  };
}

/** First instant of the day; later than 00:00 in zones whose DST switch skips midnight. */
export function startOfZonedDay(date: LocalDate, timeZone: string): Date {
  return zonedToInstant(date, 0, timeZone);
}

/** Real length of the day, e.g. 1380 / 1500 minutes on DST switch days. */
export function zonedDayLengthMinutes(date: LocalDate, timeZone: string): number {
  const start = startOfZonedDay(date, timeZone).getTime();
  const end = startOfZonedDay(addDays(date, 1), timeZone).getTime();
  return Math.round((end - start) / MS_PER_MINUTE);
}
