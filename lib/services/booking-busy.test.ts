import Database from "better-sqlite3";
import { count } from "drizzle-orm";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { closeAppDatabase, openDatabase, type AppDatabase } from "@/db/client";
import { isPostgres } from "@/db/engine";
import { createPool, openPostgresDatabase, postgresPoolOf, WRITE_LOCK_KEY } from "@/db/postgres";
import { bookings, emailOutbox } from "@/db/schema";
import { inWriteTransaction } from "@/db/transaction";
import { generateFormNonce } from "@/lib/booking-tokens";
import { ServiceBusyError } from "@/lib/errors";
import { concernId, freeSlots, locationId, seededContext } from "@/lib/testing/booking-fixtures";
import { CITIZEN_ACTOR } from "./audit";
import { createBooking, type NewBooking } from "./bookings";

/**
 * A booking that waits too long for the database gives up with ServiceBusyError ("busy, try again in a moment") and
 * leaves nothing behind, on both engines. Another connection plays the rest of the world: on PostgreSQL another
 * instance's booking holding the location's lock, on SQLite another process holding the file's write lock. The
 * database under test waits only 300 ms (the app's defaults: 5 s on PostgreSQL, 10 s on SQLite).
 */
const SHORT_WAIT_MS = 300;

let fixture: Awaited<ReturnType<typeof seededContext>>;
/** The same database, opened with the short wait. On PostgreSQL a pool of 3: one write transaction at a time. */
let patient: AppDatabase;
beforeEach(async () => {
  fixture = await seededContext();
  patient = isPostgres
    ? openPostgresDatabase(createPool(fixture.address, { max: 3, applicationName: "terminvergabe-test" }), fixture.address, { lockTimeoutMs: SHORT_WAIT_MS })
    : openDatabase(fixture.databasePath, { busyTimeoutMs: SHORT_WAIT_MS });
  vi.spyOn(console, "warn").mockImplementation(() => undefined);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await closeAppDatabase(patient);
  await fixture.cleanup();
});

async function request(locationSlug: string, email: string): Promise<NewBooking> {
  const db = fixture.context.db;
  const items = [{ concernId: await concernId(db, "personalausweis"), quantity: 1 }];
  // A Thursday: both locations are open.
  const [slot] = await freeSlots(db, items, locationSlug, "2026-12-10");
  return {
    locationId: await locationId(db, locationSlug),
    items,
    startsAt: slot!.startsAt,
    channel: "online",
    citizen: { name: "Erika Mustermann", email, phone: null, note: null },
    language: "de",
    linkNonce: generateFormNonce(),
  };
}

/** Holds what a booking at `location` needs until the returned function lets go. */
async function holdLocation(location: number): Promise<() => Promise<void>> {
  if (isPostgres) {
    const other = new pg.Client({ connectionString: fixture.address });
    await other.connect();
    await other.query("BEGIN");
    await other.query("SELECT pg_advisory_xact_lock_shared($1)", [WRITE_LOCK_KEY]);
    await other.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`location:${location}`]);
    return async () => {
      await other.query("COMMIT");
      await other.end();
    };
  }
  const other = new Database(fixture.databasePath);
  other.exec("BEGIN IMMEDIATE");
  return async () => {
    other.exec("COMMIT");
    other.close();
  };
}

async function written(): Promise<{ bookings: number; mails: number }> {
  const db = fixture.context.db;
  const [booked] = await db.select({ n: count() }).from(bookings);
  const [mails] = await db.select({ n: count() }).from(emailOutbox);
  return { bookings: booked!.n, mails: mails!.n };
}

/** On PostgreSQL: every connection the pool opened is back in it, and nobody waits for one. */
function expectPoolSettled(): void {
  if (!isPostgres) return;
  const pool = postgresPoolOf(patient);
  expect(pool.waitingCount).toBe(0);
  expect(pool.idleCount).toBe(pool.totalCount);
}

describe("a booking that waits too long for the database", () => {
  it("gives up with ServiceBusyError well before the statement timeout, writes nothing, and the next one goes through", async () => {
    const wanted = await request("rathaus", "anna@example.org");
    const before = await written();
    const release = await holdLocation(wanted.locationId);
    const context = { ...fixture.context, db: patient };

    const started = performance.now();
    const outcome = await createBooking(context, CITIZEN_ACTOR, wanted).catch((error: unknown) => error);
    const waited = performance.now() - started;
    expect(outcome).toBeInstanceOf(ServiceBusyError);
    expect(outcome).toMatchObject({ code: "busy", details: { retryAfterSeconds: 5 } });
    expect(waited).toBeGreaterThanOrEqual(SHORT_WAIT_MS - 20);
    expect(waited).toBeLessThan(5_000);
    expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/gave up waiting \((55P03|SQLITE_BUSY)\)/));
    expect(await written()).toEqual(before);
    expectPoolSettled();

    await release();
    // The write slot and the connection were given back: with one write slot, a leak would make this wait and fail.
    const again = await createBooking(context, CITIZEN_ACTOR, { ...wanted, linkNonce: generateFormNonce() });
    expect(again.isNew).toBe(true);
    expect((await written()).bookings).toBe(before.bookings + 1);
    expectPoolSettled();
  });

  it.skipIf(!isPostgres)("waiting in line for a write slot of the process also ends in busy, and the line moves on afterwards", async () => {
    const context = { ...fixture.context, db: patient };
    const nordstadt = await request("nordstadt", "ben@example.org");
    // One write slot (pool of 3, 2 kept for reads), taken by a slow transaction that holds no booking's locks.
    let finish!: () => void;
    const slow = inWriteTransaction(patient, () => new Promise<void>((resolve) => (finish = resolve)), { locks: ["test:slow"] });
    await new Promise((resolve) => setTimeout(resolve, 50));

    await expect(createBooking(context, CITIZEN_ACTOR, nordstadt)).rejects.toBeInstanceOf(ServiceBusyError);
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining("(write slot)"));
    finish();
    await slow;

    // The booking that gave up left the line: the freed slot is not handed to it, the next booking gets it at once.
    const started = performance.now();
    expect((await createBooking(context, CITIZEN_ACTOR, { ...nordstadt, linkNonce: generateFormNonce() })).isNew).toBe(true);
    expect(performance.now() - started).toBeLessThan(SHORT_WAIT_MS);
    expectPoolSettled();
  });

  it("an error that is not about waiting stays what it was", async () => {
    await expect(
      inWriteTransaction(patient, async () => {
        throw new TypeError("a bug");
      }),
    ).rejects.toThrow(TypeError);
    expect(console.warn).not.toHaveBeenCalled();
  });
});
