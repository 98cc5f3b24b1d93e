import "server-only";
import type { StaffAccess } from "@/lib/auth/staff-access";
import { listLocations } from "@/db/queries/locations";
import { instantToZoned, isPlausibleLocalDate, type LocalDate } from "@/lib/domain/zoned-time";

/** Location and date from a staff page's query string, defaulting to the first location and today. */
export function locationAndDate(access: StaffAccess, params: Record<string, string | string[] | undefined>, dateKey = "datum") {
  const locations = listLocations(access.db, { includeInactive: false });
  const slug = typeof params.standort === "string" ? params.standort : undefined;
  const location = locations.find((l) => l.slug === slug) ?? locations[0]!;
  const raw = params[dateKey];
  const today = instantToZoned(access.now(), location.timeZone).date;
  const date: LocalDate = typeof raw === "string" && isPlausibleLocalDate(raw) ? raw : today;
  return { locations, location, date, today };
}
