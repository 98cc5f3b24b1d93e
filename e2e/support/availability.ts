import { expect } from "@playwright/test";
import { addDays, instantToZoned, type LocalDate } from "@/lib/domain/zoned-time";
import { E2E } from "./settings";

export type OfferedSlot = { start: string; end: string; remaining: number };
export type OfferedDay = { date: LocalDate; slots: OfferedSlot[] };

/** Today at the demo locations, by the app's clock. */
export function todayInBerlin(): LocalDate {
  return instantToZoned(E2E.now(), "Europe/Berlin").date;
}

/**
 * A day the app itself offers, asked through its public API: the first one at least `daysAhead` days after today
 * with at least `minSlots` free times. Tests take their days from here, never from the real calendar, so a holiday,
 * a month's last day or a daylight-saving change cannot make them pick a day that has no times.
 */
export async function offeredDay(options: { location: string; concerns: string; daysAhead?: number; minSlots?: number }): Promise<OfferedDay> {
  const from = addDays(todayInBerlin(), options.daysAhead ?? 0);
  const response = await fetch(`${E2E.baseUrl}/api/v1/availability?location=${options.location}&concerns=${options.concerns}&from=${from}&to=${addDays(from, 60)}`);
  expect(response.status, "availability API").toBe(200);
  const body = (await response.json()) as { days: { date: LocalDate; status: string; slots: OfferedSlot[] }[] };
  const day = body.days.find((d) => d.status === "available" && d.slots.length >= (options.minSlots ?? 1));
  expect(day, `a day from ${from} with ${options.minSlots ?? 1} free times at ${options.location}`).toBeDefined();
  return { date: day!.date, slots: day!.slots };
}

/** "09:40" in Berlin for an instant, as the staff pages show it. */
export function berlinTime(instant: string | Date): string {
  const { minutesOfDay } = instantToZoned(new Date(instant), "Europe/Berlin");
  return `${String(Math.floor(minutesOfDay / 60)).padStart(2, "0")}:${String(minutesOfDay % 60).padStart(2, "0")}`;
}
