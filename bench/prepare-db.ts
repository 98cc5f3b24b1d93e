/**
 * The benchmark database: the Musterstadt demo grown to 3 locations and 20 concerns, generous capacity (so booking
 * requests mostly succeed and measure the success path), and 10,000 existing bookings over the next 60 days. Either
 * engine: `fillBenchDatabase` takes the app's database object of the engine this process runs on (db/engine.ts).
 */
import { openDatabase, type AppDatabase } from "@/db/client";
import { isPostgres } from "@/db/engine";
import { seedDemo } from "@/db/seed";
import {
  bookingItems,
  bookings,
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

/** A SQLite benchmark database at `path` (bench/compare.ts, bench/memory.ts). */
export async function prepareBenchDatabase(path: string, now: Date): Promise<AppDatabase> {
  const db = openDatabase(path);
  await fillBenchDatabase(db, now);
  return db;
}

type BenchBooking = { referenceCode: string; manageTokenHash: string; channel: "online" | "phone"; locationId: number; startsAt: Date; endsAt: Date; citizenName: string; email: string; createdAt: Date; updatedAt: Date };
type BenchItem = { concernId: number; quantity: number; durationMinutes: number };

/** Rows per multi-row insert on PostgreSQL: 11 parameters a booking stays far below its 65,535 per statement. */
const PG_BATCH = 1_000;

/** A migrated, empty database of this process's engine, filled with the benchmark data. */
export async function fillBenchDatabase(db: AppDatabase, now: Date): Promise<void> {
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
    const rows: { booking: BenchBooking; item: BenchItem }[] = [];
    for (let i = 0; i < BENCH.bookings; i++) {
      const location = allLocations[Math.floor(next() * allLocations.length)]!;
      const day = weekdays[Math.floor(next() * weekdays.length)]!;
      const concern = allConcerns[Math.floor(next() * allConcerns.length)]!;
      const minutes = Math.ceil(concern.durationMinutes / 10) * 10;
      const startMinute = 8 * 60 + Math.floor(next() * ((10 * 60 - minutes) / 10)) * 10;
      const startsAt = zonedToInstant(day, startMinute, TZ);
      rows.push({
        booking: { referenceCode: `BENCH-${i}`, manageTokenHash: hashManageToken(`bench-${i}`), channel: i % 4 === 0 ? "phone" : "online", locationId: location.id, startsAt, endsAt: new Date(startsAt.getTime() + minutes * 60_000), citizenName: `Bench ${i}`, email: `bench-${i}@example.org`, createdAt: now, updatedAt: now },
        item: { concernId: concern.id, quantity: 1, durationMinutes: concern.durationMinutes },
      });
    }
    if (isPostgres) {
      // One round trip per thousand rows instead of one per row: over a socket the per-statement latency dominates.
      for (let start = 0; start < rows.length; start += PG_BATCH) {
        const batch = rows.slice(start, start + PG_BATCH);
        const ids = await tx.insert(bookings).values(batch.map((r) => ({ ...r.booking, status: "booked" as const, language: "de" as const }))).returning({ id: bookings.id, referenceCode: bookings.referenceCode });
        // By reference code: SQL does not promise RETURNING's row order.
        const idOf = new Map(ids.map((row) => [row.referenceCode, row.id]));
        await tx.insert(bookingItems).values(batch.map((r) => ({ ...r.item, bookingId: idOf.get(r.booking.referenceCode)!, feeCents: null })));
      }
      return;
    }
    // SQLite: raw prepared statements in the open transaction are the fastest way in (milliseconds per thousand).
    const insertBooking = db.$client.prepare(
      `insert into bookings (reference_code, manage_token_hash, status, channel, location_id, starts_at, ends_at, citizen_name, email, language, created_at, updated_at)
   values (?, ?, 'booked', ?, ?, ?, ?, ?, ?, 'de', ?, ?)`,
    );
    const insertItem = db.$client.prepare(`insert into booking_items (booking_id, concern_id, quantity, duration_minutes, fee_cents) values (?, ?, ?, ?, null)`);
    for (const { booking: b, item } of rows) {
      const id = insertBooking.run(b.referenceCode, b.manageTokenHash, b.channel, b.locationId, b.startsAt.getTime(), b.endsAt.getTime(), b.citizenName, b.email, b.createdAt.getTime(), b.updatedAt.getTime()).lastInsertRowid;
      insertItem.run(id, item.concernId, item.quantity, item.durationMinutes);
    }
  });
}
