/**
 * One engine's part of `npm run bench` that runs inside the app's own code, in a process of its own: the engine a
 * process uses is fixed at import (db/engine.ts), and bench/run.ts measures SQLite and PostgreSQL in one run. With
 * `DATABASE_PATH` (SQLite) or `DATABASE_URL` (PostgreSQL) set by bench/run.ts, it
 *  1. migrates and fills the benchmark database (bench/prepare-db.ts),
 *  2. measures (a), the availability engine alone and with its database reads (bench/engine.ts),
 *  3. times bookings one after another through the booking service (no HTTP, no framework): each is one write
 *     transaction, so this is the time the write lock is held per booking, which bounds bookings/s on one database,
 *  4. stores the load generator's API key (its hash from BENCH_API_KEY_HASH),
 * and writes the results as JSON to the path given as its argument.
 */
import { writeFileSync } from "node:fs";
import pg from "pg";
import { closeAppDatabase, migrateAppDatabase, openAppDatabase } from "@/db/client";
import { engine as databaseEngine, isPostgres } from "@/db/engine";
import { apiKeys } from "@/db/schema";
import { generateFormNonce } from "@/lib/booking-tokens";
import { addDays, instantToZoned, isoWeekday, zonedToInstant } from "@/lib/domain/zoned-time";
import { getEnv } from "@/lib/env";
import { CITIZEN_ACTOR } from "@/lib/services/audit";
import { createBooking, SlotTakenError } from "@/lib/services/bookings";
import { loadCatalogue } from "@/db/queries/catalogue";
import { listLocations } from "@/db/queries/locations";
import { benchmarkEngine, type EngineResult } from "./engine";
import { fillBenchDatabase } from "./prepare-db";
import { summarize, type Summary } from "./stats";

/** `statementsPerBooking`: statements sent to PostgreSQL per booking (each one round trip); null on SQLite. */
export type BookingTiming = { bookings: number; slotTaken: number; milliseconds: Summary; statementsPerBooking: number | null };
export type PreparedEngine = { engine: EngineResult; bookingTransaction: BookingTiming; prepareSeconds: number };

const TZ = "Europe/Berlin";
const SEQUENTIAL_BOOKINGS = 300;

async function main() {
  const [outputPath] = process.argv.slice(2);
  const keyHash = process.env.BENCH_API_KEY_HASH;
  const nowIso = process.env.BENCH_NOW;
  if (!outputPath || !keyHash || !nowIso) throw new Error("usage: BENCH_API_KEY_HASH=… BENCH_NOW=… tsx bench/prepare-engine.ts <output.json>");
  // The run's instant from bench/run.ts, so both engines get the same data and the load generator's dates fit.
  const now = new Date(nowIso);
  const env = getEnv();
  const started = performance.now();
  await migrateAppDatabase(env);
  const db = openAppDatabase(env);
  try {
    await fillBenchDatabase(db, now);
    const prepareSeconds = (performance.now() - started) / 1000;
    const engine = await benchmarkEngine(db, now);

    // Days 3–9 ahead: the load generator books 10–55 days ahead, so these take none of its seats; the availability
    // load sees them as it sees the 10,000 prepared bookings.
    const locations = await listLocations(db);
    const concern = (await loadCatalogue(db)).find((c) => c.slug === "meldebescheinigung")!;
    const today = instantToZoned(now, TZ).date;
    const starts: { locationId: number; start: Date }[] = [];
    for (let d = 3; d <= 9; d++) {
      const day = addDays(today, d);
      if (isoWeekday(day) > 5) continue;
      for (let minute = 8 * 60; minute < 17 * 60; minute += 10) {
        for (const location of locations) starts.push({ locationId: location.id, start: zonedToInstant(day, minute, TZ) });
      }
    }
    const context = { db, now: () => now, publicUrl: "http://127.0.0.1", canSendMail: false, secret: env.authSecret };
    // On PostgreSQL every statement is a round trip to the server while the transaction holds the write lock: count
    // them (node-postgres sends every statement, pooled or in a transaction, through Client#query).
    let statements = 0;
    const query = pg.Client.prototype.query;
    if (isPostgres) {
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        statements += 1;
        return (query as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof query;
    }
    const times: number[] = [];
    let slotTaken = 0;
    let statementsAtStart = 0;
    for (let i = 0; i < SEQUENTIAL_BOOKINGS; i++) {
      const target = starts[(i * 7919) % starts.length]!;
      if (i === 20) statementsAtStart = statements;
      const begin = performance.now();
      try {
        await createBooking(context, CITIZEN_ACTOR, {
          locationId: target.locationId,
          items: [{ concernId: concern.id, quantity: 1 }],
          startsAt: target.start,
          channel: "online",
          citizen: { name: `Sequenz ${i}`, email: `sequence-${i}@example.org`, phone: null, note: null },
          language: "de",
          linkNonce: generateFormNonce(),
        });
      } catch (error) {
        if (!(error instanceof SlotTakenError)) throw error;
        slotTaken += 1;
      }
      // The first bookings warm the JIT and the caches; they are not counted.
      if (i >= 20) times.push(performance.now() - begin);
    }

    pg.Client.prototype.query = query;
    const statementsPerBooking = isPostgres ? (statements - statementsAtStart) / times.length : null;

    await db.insert(apiKeys).values({ label: "benchmark", keyHash, keyPrefix: "benchkey", createdAt: now });
    const result: PreparedEngine = { engine, bookingTransaction: { bookings: times.length, slotTaken, milliseconds: summarize(times), statementsPerBooking }, prepareSeconds };
    writeFileSync(outputPath, JSON.stringify(result));
    console.log(`${databaseEngine}: prepared in ${prepareSeconds.toFixed(1)} s; booking transaction p50 ${result.bookingTransaction.milliseconds.p50.toFixed(2)} ms${statementsPerBooking === null ? "" : `, ${statementsPerBooking.toFixed(1)} statements each`}`);
  } finally {
    await closeAppDatabase(db);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
