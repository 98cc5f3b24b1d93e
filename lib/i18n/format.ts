import type { Language } from "@/lib/domain/enums";
import type { LocalDate } from "@/lib/domain/zoned-time";

/**
 * Dates and times as citizens read them: "Dienstag, 1. Dezember 2026, 09:30 Uhr" / "Tuesday, 1 December 2026, 09:30".
 * Always in the location's time zone, never the server's.
 */

const INTL_LOCALE: Record<Language, string> = { de: "de-DE", en: "en-GB" };
const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(language: Language, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${timeZone}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(INTL_LOCALE[language], { timeZone, ...options });
    cache.set(key, f);
  }
  return f;
}

const LONG_DATE: Intl.DateTimeFormatOptions = { weekday: "long", day: "numeric", month: "long", year: "numeric" };
const TIME: Intl.DateTimeFormatOptions = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" };

/** "Dienstag, 1. Dezember 2026" */
export function formatLongDate(instant: Date, language: Language, timeZone: string): string {
  return formatter(language, timeZone, LONG_DATE).format(instant);
}

/** "09:30 Uhr" / "09:30" */
export function formatTime(instant: Date, language: Language, timeZone: string): string {
  const time = formatter(language, timeZone, TIME).format(instant);
  return language === "de" ? `${time} Uhr` : time;
}

/** "09:30" without the "Uhr": for compact lists where a heading already says it. */
export function formatClock(instant: Date, language: Language, timeZone: string): string {
  return formatter(language, timeZone, TIME).format(instant);
}

/** "Dienstag, 1. Dezember 2026, 09:30 Uhr" */
export function formatDateTime(instant: Date, language: Language, timeZone: string): string {
  return `${formatLongDate(instant, language, timeZone)}, ${formatTime(instant, language, timeZone)}`;
}

/** "09:30–10:00 Uhr" */
export function formatTimeRange(start: Date, end: Date, language: Language, timeZone: string): string {
  const range = `${formatClock(start, language, timeZone)}–${formatClock(end, language, timeZone)}`;
  return language === "de" ? `${range} Uhr` : range;
}

/** A calendar date without time: "Dienstag, 1. Dezember 2026". Noon UTC keeps it on the same date in any zone. */
export function formatLocalDate(date: LocalDate, language: Language, options: Intl.DateTimeFormatOptions = LONG_DATE): string {
  return formatter(language, "UTC", options).format(new Date(`${date}T12:00:00Z`));
}

/** "Dezember 2026" */
export function formatMonth(date: LocalDate, language: Language): string {
  return formatLocalDate(date, language, { month: "long", year: "numeric" });
}

/** Minutes since midnight as "08:30". */
export function formatMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** "37,00 €" / "€37.00" */
const euroFormats = new Map<Language, Intl.NumberFormat>();

export function formatEuro(cents: number, language: Language): string {
  let format = euroFormats.get(language);
  if (!format) euroFormats.set(language, (format = new Intl.NumberFormat(INTL_LOCALE[language], { style: "currency", currency: "EUR" })));
  return format.format(cents / 100);
}

/** "45 Minuten" / "1 Stunde 15 Minuten" */
export function formatDuration(minutes: number, language: Language): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const words =
    language === "de"
      ? { h: (n: number) => (n === 1 ? "1 Stunde" : `${n} Stunden`), m: (n: number) => (n === 1 ? "1 Minute" : `${n} Minuten`) }
      : { h: (n: number) => (n === 1 ? "1 hour" : `${n} hours`), m: (n: number) => (n === 1 ? "1 minute" : `${n} minutes`) };
  if (hours === 0) return words.m(rest);
  return rest === 0 ? words.h(hours) : `${words.h(hours)} ${words.m(rest)}`;
}
