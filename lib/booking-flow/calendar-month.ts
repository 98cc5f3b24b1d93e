import type { LocalDate } from "@/lib/domain/zoned-time";

/** "2026-12" */
export type Month = string;

/**
 * Which month a day calendar opens on: the month asked for by its navigation, else the chosen day's, else the first
 * bookable day's (so a calendar never opens on a month with nothing left to book, as on a month's last afternoon),
 * else today's. A month asked for that does not exist or lies outside today's month to the last offered day's is
 * ignored, so a hand-edited link cannot open a calendar for the year 9999.
 */
export function calendarMonth(input: {
  requested: unknown;
  selectedDate: LocalDate | null;
  firstFree: LocalDate | null;
  today: LocalDate;
  lastDay: LocalDate;
}): Month {
  const first = input.today.slice(0, 7);
  const last = input.lastDay > input.today ? input.lastDay.slice(0, 7) : first;
  const inRange = (month: Month) => month >= first && month <= last;
  if (typeof input.requested === "string" && /^\d{4}-(0[1-9]|1[0-2])$/.test(input.requested) && inRange(input.requested)) return input.requested;
  const selected = input.selectedDate?.slice(0, 7);
  if (selected && inRange(selected)) return selected;
  return (input.firstFree ?? input.today).slice(0, 7);
}
