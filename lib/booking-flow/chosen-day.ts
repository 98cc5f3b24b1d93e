import type { AvailabilityDay } from "@/lib/domain/availability";
import { isValidLocalDate, type LocalDate } from "@/lib/domain/zoned-time";

/** Why a day asked for (a date field, a link) shows no times: not a date, outside what can be booked, or full/closed. */
export type ChosenDayProblem = "invalid_day" | "day_out_of_range" | "day_not_bookable";

export type ChosenDay = { date: LocalDate | null; problem: ChosenDayProblem | null };

/**
 * The day a search asks for, checked against the days on offer: nothing asked is no problem; anything that is not a
 * real calendar day, lies outside `from`…`to` or has no free time is named, so the page can say so in words (and
 * still show the calendar) instead of failing. The date of a real but unbookable day is kept for that message.
 */
export function chooseDay(requested: unknown, days: readonly AvailabilityDay[], range: { from: LocalDate; to: LocalDate }): ChosenDay {
  if (requested === undefined || requested === null || (typeof requested === "string" && requested.trim() === "")) return { date: null, problem: null };
  const text = typeof requested === "string" ? requested.trim() : "";
  if (!isValidLocalDate(text)) return { date: null, problem: "invalid_day" };
  if (text < range.from || text > range.to) return { date: text, problem: "day_out_of_range" };
  const day = days.find((d) => d.date === text);
  if (!day || day.status !== "available" || day.slots.length === 0) return { date: text, problem: "day_not_bookable" };
  return { date: text, problem: null };
}
