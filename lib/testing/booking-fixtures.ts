import { loadCatalogue } from "@/db/queries/catalogue";
import { findLocationBySlug, loadLocationSchedule } from "@/db/queries/locations";
import { getSettings } from "@/db/queries/settings";
import { seedDemo } from "@/db/seed";
import type { AppDatabase } from "@/db/client";
import { computeDays, type Slot } from "@/lib/domain/availability";
import { appointmentDurationMinutes, type RequestedItem } from "@/lib/domain/booking-request";
import type { AvailabilityAudience } from "@/lib/domain/enums";
import { addDays, zonedToInstant, type LocalDate } from "@/lib/domain/zoned-time";
import { toEngineCatalogue } from "@/db/queries/catalogue";
import { rulesFrom } from "@/lib/services/bookings";
import type { ServiceContext } from "@/lib/services/context";
import { createTempDatabase } from "./temp-db";

export const TZ = "Europe/Berlin";
/** Tuesday 24 November 2026, 08:00 in Musterstadt: every service test runs at this instant. */
export const TEST_NOW = zonedToInstant("2026-11-24", 8 * 60, TZ);

export async function seededContext(options: { canSendMail?: boolean } = {}) {
  const temp = await createTempDatabase();
  await seedDemo(temp.db, TEST_NOW);
  const context: ServiceContext = {
    db: temp.db,
    now: () => TEST_NOW,
    publicUrl: "https://termine.musterstadt.example",
    canSendMail: options.canSendMail ?? false,
    secret: "test-secret-test-secret-test-secret-1234",
  };
  return { ...temp, context };
}

export async function concernId(db: AppDatabase, slug: string): Promise<number> {
  return (await loadCatalogue(db, { includeInactive: true })).find((c) => c.slug === slug)!.id;
}

export async function locationId(db: AppDatabase, slug: string): Promise<number> {
  return (await findLocationBySlug(db, slug))!.id;
}

/** Free times for a request on one day, as the engine sees the database now. */
export async function freeSlots(
  db: AppDatabase,
  items: RequestedItem[],
  locationSlug: string,
  date: LocalDate,
  options: { now?: Date; audience?: AvailabilityAudience } = {},
): Promise<Slot[]> {
  const location = (await findLocationBySlug(db, locationSlug))!;
  const catalogue = toEngineCatalogue(await loadCatalogue(db));
  const rules = rulesFrom(await getSettings(db));
  const schedule = await loadLocationSchedule(db, location, zonedToInstant(date, 0, TZ), zonedToInstant(addDays(date, 1), 0, TZ));
  const [day] = computeDays({
    now: options.now ?? TEST_NOW,
    schedule,
    rules,
    audience: options.audience ?? "online",
    concernIds: items.map((i) => i.concernId),
    durationMinutes: appointmentDurationMinutes(items, catalogue, rules.slotGridMinutes),
    from: date,
    to: date,
  });
  return day?.slots ?? [];
}
