import "server-only";
import { getDb } from "@/db/client";
import { listLocations } from "@/db/queries/locations";
import { instantToZoned, isValidLocalDate, type LocalDate } from "@/lib/domain/zoned-time";
import { now } from "@/lib/clock";

/** Location and date from a staff page's query string, defaulting to the first location and today. */
export function locationAndDate(params: Record<string, string | string[] | undefined>, dateKey = "datum") {
  const locations = listLocations(getDb(), { includeInactive: false });
  const slug = typeof params.standort === "string" ? params.standort : undefined;
  const location = locations.find((l) => l.slug === slug) ?? locations[0]!;
  const raw = params[dateKey];
  const today = instantToZoned(now(), location.timeZone).date;
  const date: LocalDate = typeof raw === "string" && isValidLocalDate(raw) ? raw : today;
  return { locations, location, date, today };
}
