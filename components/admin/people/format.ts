import { DEFAULT_TIME_ZONE, type Language } from "@/lib/domain/enums";


const LOCALES: Record<Language, string> = { de: "de-DE", en: "en-GB" };
const stampFormats = new Map<Language, Intl.DateTimeFormat>();

/** "24.11.2026, 09:30" / "24/11/2026, 09:30": compact enough for table cells. */
export function formatStamp(instant: Date, language: Language): string {
  let format = stampFormats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[language], {
      // Audit and sign-in times belong to no location: shown in the installation's default zone, as the staff
      // experienced them, never in server time.
      timeZone: DEFAULT_TIME_ZONE,
      day: "2-digit",
      month: "2-digit",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    stampFormats.set(language, format);
  }
  return format.format(instant);
}

/** "24.11.2026" for a calendar date ("2026-11-24"), independent of any time zone. */
export function formatShortDate(date: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { timeZone: "UTC", day: "2-digit", month: "2-digit", year: "numeric" }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** "Di., 24.11." – the day axis of a chart, where the year is in the heading. */
export function formatDayLabel(date: string, language: Language): string {
  return new Intl.DateTimeFormat(LOCALES[language], { timeZone: "UTC", weekday: "short", day: "2-digit", month: "2-digit" }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

export function formatNumber(value: number, language: Language, fractionDigits = 0): string {
  return new Intl.NumberFormat(LOCALES[language], { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value);
}

/** "12,5 %" / "12.5%" */
export function formatPercent(rate: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language], { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(rate);
}
