import "server-only";
import type { StaffAccess } from "@/lib/auth/staff-access";
import { listLocations } from "@/db/queries/locations";
import { DEFAULT_TIME_ZONE } from "@/lib/domain/enums";
import { instantToZoned, isPlausibleLocalDate, type LocalDate } from "@/lib/domain/zoned-time";

/**
 * Location and date from a staff page's query string, defaulting to the first location and today. `location` is null
 * on a new installation without any: pages then say so (components/staff/no-location-yet.tsx) instead of failing.
 */
export async function locationAndDate(access: StaffAccess, params: Record<string, string | string[] | undefined>, dateKey = "datum") {
  const locations = await listLocations(access.db, { includeInactive: false });
  const slug = typeof params.standort === "string" ? params.standort : undefined;
  const location = locations.find((l) => l.slug === slug) ?? locations[0] ?? null;
  const raw = params[dateKey];
  const today = instantToZoned(access.now(), location?.timeZone ?? DEFAULT_TIME_ZONE).date;
  const date: LocalDate = typeof raw === "string" && isPlausibleLocalDate(raw) ? raw : today;
  return { locations, location, date, today };
}

/** The cookie that remembers which counter a clerk works at on this device (app/staff/(area)/queue-actions.ts). */
export const COUNTER_COOKIE = "terminvergabe-counter";

export function counterFromCookie(value: string | undefined): number | null {
  const counter = Number(value);
  return Number.isInteger(counter) && counter >= 1 && counter <= 99 ? counter : null;
}
