/**
 * (a) The availability engine alone: a 60-day horizon at each of 3 locations with 10,000 existing bookings, for a
 * two-concern request. Schedules are loaded once; only the pure computation is timed (and, separately, the same call
 * including its database reads, as the web and API pay it).
 */
import { loadCatalogue, toEngineCatalogue } from "@/db/queries/catalogue";
import { listLocations, loadLocationSchedule } from "@/db/queries/locations";
import { getSettings } from "@/db/queries/settings";
import type { AppDatabase } from "@/db/client";
import { computeAvailability } from "@/lib/domain/availability";
import { addDays, instantToZoned, zonedToInstant } from "@/lib/domain/zoned-time";
import { rulesFrom } from "@/lib/services/bookings";
import { summarize, type Summary } from "./stats";

export type EngineResult = { pure: Summary; withDatabase: Summary; bookingsInScope: number; days: number };

export async function benchmarkEngine(db: AppDatabase, now: Date, iterations = 60): Promise<EngineResult> {
  const rules = { ...rulesFrom(await getSettings(db)), horizonDays: 60 };
  const catalogue = await loadCatalogue(db);
  const engineCatalogue = toEngineCatalogue(catalogue);
  const items = [
    { concernId: catalogue[0]!.id, quantity: 2 },
    { concernId: catalogue[5]!.id, quantity: 1 },
  ];
  const locations = await listLocations(db);
  const today = instantToZoned(now, "Europe/Berlin").date;
  const to = addDays(today, 60);
  const schedules = await Promise.all(locations.map(async (l) => loadLocationSchedule(db, l, zonedToInstant(today, 0, l.timeZone), zonedToInstant(addDays(to, 1), 0, l.timeZone))));
  const bookingsInScope = schedules.reduce((sum, s) => sum + s.bookings.length, 0);

  const run = () => schedules.map((schedule) => computeAvailability({ now, schedule, rules, audience: "online", items, catalogue: engineCatalogue, from: today, to }));
  for (let i = 0; i < 5; i++) run(); // warm-up: JIT and Intl caches
  const pure: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    run();
    pure.push((performance.now() - start) / schedules.length);
  }
  // The same call with its database reads, bypassing the availability cache: what a cache miss costs.
  const withDatabase: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const location = locations[i % locations.length]!;
    const start = performance.now();
    const schedule = await loadLocationSchedule(db, location, zonedToInstant(today, 0, location.timeZone), zonedToInstant(addDays(to, 1), 0, location.timeZone));
    computeAvailability({ now, schedule, rules, audience: "online", items, catalogue: toEngineCatalogue(await loadCatalogue(db)), from: today, to });
    withDatabase.push(performance.now() - start);
  }
  return { pure: summarize(pure), withDatabase: summarize(withDatabase), bookingsInScope, days: 61 };
}
