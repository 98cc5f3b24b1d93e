import type { LocationWithHours } from "@/db/queries/locations";
import { calendarMonth, type Month } from "@/lib/booking-flow/calendar-month";
import { chooseDay, type ChosenDay } from "@/lib/booking-flow/chosen-day";
import { resolveSelection, type ResolvedSelection } from "@/lib/booking-flow/resolve";
import type { Selection, SelectedItem } from "@/lib/booking-flow/selection";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";
import type { AvailabilityDay, Slot } from "@/lib/domain/availability";
import type { LocalDate } from "@/lib/domain/zoned-time";
import { availabilityFor } from "@/lib/services/availability";

/** The phone form reuses the citizen wizard's resolution of concerns and location; only the audience differs. */
export async function resolvePhoneRequest(access: StaffAccess, selection: Pick<Selection, "items" | "location">): Promise<ResolvedSelection> {
  const db = authorize(access, "staff").db;
  return resolveSelection(db, { items: selection.items, location: selection.location, date: null, time: null });
}

export type PhoneTimesQuery = {
  items: SelectedItem[];
  /** The location's slug as the search sent it. */
  location: string | null;
  /** The day asked for (date field or calendar link), unchecked: whatever the URL says. */
  day?: unknown;
  /** The month the calendar's navigation asked for, unchecked. */
  month?: unknown;
};

export type PhoneTimes =
  | { status: "none_chosen" }
  | { status: "not_offered"; request: ResolvedSelection }
  | { status: "request_invalid"; request: ResolvedSelection }
  | {
      status: "ready";
      request: ResolvedSelection;
      location: LocationWithHours;
      /** Every day from today to the booking horizon, with the times staff may book (staff-only counters included). */
      days: AvailabilityDay[];
      from: LocalDate;
      to: LocalDate;
      firstFree: LocalDate | null;
      /** The month the calendar opens on: asked for, else the chosen day's, else the first bookable day's. */
      month: Month;
      chosen: ChosenDay;
      /** The chosen day's free times; empty without a bookable day. */
      slots: Slot[];
    };

/**
 * What a clerk on the phone can offer for a request: the whole bookable range for the calendar, on the staff
 * audience (counters kept for phone and internal bookings count), and the times of the day asked for. Bad input
 * (no concern, a location that does not offer them, a day that is no day or outside the range) is answered with a
 * status the page puts into words, never an error.
 */
export async function findPhoneTimes(access: StaffAccess, query: PhoneTimesQuery): Promise<PhoneTimes> {
  const context = authorize(access, "staff");
  if (query.items.length === 0) return { status: "none_chosen" };
  const request = await resolveSelection(context.db, { items: query.items, location: query.location, date: null, time: null });
  const location = request.location;
  if (!location || (query.location !== null && location.slug !== query.location)) return { status: "not_offered", request };
  if (request.problem) return { status: "request_invalid", request };
  const result = await availabilityFor(context.db, { now: context.now(), location, items: request.requested, audience: "staff" });
  if (!result.ok) return { status: "request_invalid", request };
  const chosen = chooseDay(query.day, result.days, { from: result.from, to: result.to });
  const firstFree = result.firstAvailableDate;
  const month = calendarMonth({ requested: query.month, selectedDate: chosen.date, firstFree, today: result.from, lastDay: result.to });
  const slots = chosen.date && !chosen.problem ? (result.days.find((d) => d.date === chosen.date)?.slots ?? []) : [];
  return { status: "ready", request, location, days: result.days, from: result.from, to: result.to, firstFree, month, chosen, slots };
}
