/**
 * The benchmark database: the Musterstadt demo grown to 3 locations and 20 concerns, generous capacity (so booking
 * requests mostly succeed and measure the success path), and 10,000 existing bookings over the next 60 days.
 */
import { openDatabase, type AppDatabase } from "@/db/client";
import { seedDemo } from "@/db/seed";
import {
  capacityWindowConcerns,
  capacityWindows,
  concernCategories,
  concernLocations,
  concerns,
  locations,
  openingHours,
  walkInBlocks,
} from "@/db/schema";
import { addDays, instantToZoned, isoWeekday, zonedToInstant } from "@/lib/domain/zoned-time";
import { hashManageToken } from "@/lib/booking-tokens";
import { inWriteTransaction } from "@/db/transaction";

export const BENCH = { locations: 3, concerns: 20, bookings: 10_000, horizonDays: 60, onlineCounters: 40, staffCounters: 5 } as const;
const TZ = "Europe/Berlin";

/** Deterministic pseudo-random numbers, so every run measures the same data. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
}

export async function prepareBenchDatabase(path: string, now: Date): Promise<AppDatabase> {
  const db = openDatabase(path);
  await seedDemo(db, now);
  await inWriteTransaction(db, async (tx) => {
    const category = (await tx.select().from(concernCategories))[3]!;
    await tx.insert(locations)
      .values({ slug: "suedstadt", name: "Bürgerbüro Südstadt", street: "Südring 3", postalCode: "31139", city: "Musterstadt", timeZone: TZ, federalState: "NI", phone: "05121 9876-700", email: "suedstadt@musterstadt.example", position: 3 });
    const existing = (await tx.select().from(concerns)).length;
    for (let i = existing; i < BENCH.concerns; i++) {
      await tx.insert(concerns)
        .values({ slug: `bench-anliegen-${i + 1}`, categoryId: category.id, nameDe: `Prüfanliegen ${i + 1}`, nameEn: `Benchmark concern ${i + 1}`, descriptionDe: "Nur für den Benchmark.", descriptionEn: "Benchmark only.", durationMinutes: 10 + (i % 3) * 5, maxQuantity: 3, position: 100 + i });
    }
    const allLocations = await tx.select().from(locations);
    const allConcerns = await tx.select().from(concerns);
    // Every concern everywhere; the same long weekdays and generous counters everywhere.
    await tx.delete(concernLocations);
    await tx.insert(concernLocations).values(allConcerns.flatMap((c) => allLocations.map((l) => ({ concernId: c.id, locationId: l.id }))));
    await tx.delete(capacityWindowConcerns);
    await tx.delete(capacityWindows);
    await tx.delete(openingHours);
    await tx.delete(walkInBlocks);
    for (const location of allLocations) {
      for (const weekday of [1, 2, 3, 4, 5]) {
        await tx.insert(openingHours).values({ locationId: location.id, weekday, startMinute: 8 * 60, endMinute: 18 * 60 });
        await tx.insert(capacityWindows).values({ locationId: location.id, weekday, startMinute: 8 * 60, endMinute: 18 * 60, onlineCounters: BENCH.onlineCounters, staffCounters: BENCH.staffCounters });
      }
    }

    const next = random(20261124);
    const today = instantToZoned(now, TZ).date;
    const weekdays = Array.from({ length: BENCH.horizonDays }, (_, i) => addDays(today, i + 1)).filter((d) => isoWeekday(d) <= 5);
    const insertBooking = db.$client.prepare(
      `insert into bookings (reference_code, manage_token_hash, status, channel, location_id, starts_at, ends_at, citizen_name, email, language, created_at, updated_at)
   values (?, ?, 'booked', ?, ?, ?, ?, ?, ?, 'de', ?, ?)`,
    );
    const insertItem = db.$client.prepare(`insert into booking_items (booking_id, concern_id, quantity, duration_minutes, fee_cents) values (?, ?, ?, ?, null)`);
    for (let i = 0; i < BENCH.bookings; i++) {
      const location = allLocations[Math.floor(next() * allLocations.length)]!;
      const day = weekdays[Math.floor(next() * weekdays.length)]!;
      const concern = allConcerns[Math.floor(next() * allConcerns.length)]!;
      const minutes = Math.ceil(concern.durationMinutes / 10) * 10;
      const startMinute = 8 * 60 + Math.floor(next() * ((10 * 60 - minutes) / 10)) * 10;
      const startsAt = zonedToInstant(day, startMinute, TZ).getTime();
      const id = insertBooking.run(`BENCH-${i}`, hashManageToken(`bench-${i}`), i % 4 === 0 ? "phone" : "online", location.id, startsAt, startsAt + minutes * 60_000, `Bench ${i}`, `bench-${i}@example.org`, now.getTime(), now.getTime()).lastInsertRowid;
      insertItem.run(id, concern.id, 1, concern.durationMinutes);
    }
  });
  return db;
}
