import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isPostgres } from "@/db/engine";
import { closePostgresDatabase, createPool, openPostgresDatabase, WRITE_LOCK_KEY } from "@/db/postgres";
import { locations } from "@/db/schema";
import { generateFormNonce } from "@/lib/booking-tokens";
import { concernId, freeSlots, locationId, seededContext } from "@/lib/testing/booking-fixtures";
import { CITIZEN_ACTOR } from "./audit";
import { createBooking, type NewBooking, SlotTakenError } from "./bookings";

/**
 * PostgreSQL only (SQLite has one write lock for the whole file): a booking locks what it decides on, its location
 * and the citizen's mailbox, so bookings elsewhere go ahead while one location is busy. A second connection plays the
 * other instance's booking transaction by taking the same locks and holding them.
 */
let fixture: Awaited<ReturnType<typeof seededContext>>;
let other: pg.Client;
beforeEach(async () => {
  fixture = await seededContext();
  other = new pg.Client({ connectionString: fixture.address });
  await other.connect();
});
afterEach(async () => {
  await other.end();
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

/** Holds `keys` as another instance's booking transaction would, until COMMIT. */
async function holdLocks(keys: string[]): Promise<void> {
  await other.query("BEGIN");
  await other.query("SELECT pg_advisory_xact_lock_shared($1)", [WRITE_LOCK_KEY]);
  for (const key of keys) await other.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [key]);
}

const settled = async (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), ms))]);

describe.skipIf(!isPostgres)("booking locks on PostgreSQL", () => {
  it("a busy location holds up its own bookings only; the others go ahead", async () => {
    const rathaus = await request("rathaus", "anna@example.org");
    const nordstadt = await request("nordstadt", "ben@example.org");
    await holdLocks([`location:${rathaus.locationId}`]);

    const elsewhere = createBooking(fixture.context, CITIZEN_ACTOR, nordstadt);
    expect(await settled(elsewhere, 5_000)).toBe(true);
    const here = createBooking(fixture.context, CITIZEN_ACTOR, rathaus);
    expect(await settled(here, 500)).toBe(false);

    await other.query("COMMIT");
    expect((await here).isNew).toBe(true);
  });

  it("anything that names no keys (an admin change) waits for a booking in progress, and the booking for it", async () => {
    const nordstadt = await request("nordstadt", "ben@example.org");
    // The other transaction takes the write lock exclusively, as every transaction without keys does.
    await other.query("BEGIN");
    await other.query("SELECT pg_advisory_xact_lock($1)", [WRITE_LOCK_KEY]);
    const booking = createBooking(fixture.context, CITIZEN_ACTOR, nordstadt);
    expect(await settled(booking, 500)).toBe(false);
    await other.query("COMMIT");
    expect((await booking).isNew).toBe(true);
  });

  it("a booking that waited for an admin change decides on the change, not on what its process had cached", async () => {
    // Looking for the free time warms this process's caches of the capacity rules.
    const nordstadt = await request("nordstadt", "ben@example.org");
    await other.query("BEGIN");
    await other.query("SELECT pg_advisory_xact_lock($1)", [WRITE_LOCK_KEY]);
    await other.query("INSERT INTO closures (location_id, starts_at, ends_at, reason, created_at) VALUES ($1, $2, $3, 'Betriebsausflug', now())", [
      nordstadt.locationId,
      new Date(nordstadt.startsAt.getTime() - 3_600_000),
      new Date(nordstadt.startsAt.getTime() + 3_600_000),
    ]);
    const booking = createBooking(fixture.context, CITIZEN_ACTOR, nordstadt);
    booking.catch(() => {});
    expect(await settled(booking, 500)).toBe(false);
    // The closure commits while the booking waits for the write lock; the counters the booking reads once it has the
    // lock must include it, or its cached rules would still show the office open.
    await other.query("COMMIT");
    await expect(booking).rejects.toBeInstanceOf(SlotTakenError);
  });

  it("a burst waiting at one location leaves connections for everyone else's reads", async () => {
    // A small pool, as one process under a slot-release burst: six bookings at a location another instance holds.
    const small = openPostgresDatabase(createPool(fixture.address, { max: 4, applicationName: "terminvergabe-test" }), fixture.address);
    try {
      const context = { ...fixture.context, db: small };
      const rathaus = await request("rathaus", "anna@example.org");
      await holdLocks([`location:${rathaus.locationId}`]);
      const burst = Array.from({ length: 6 }, (_, i) =>
        createBooking(context, CITIZEN_ACTOR, { ...rathaus, citizen: { ...rathaus.citizen, email: `burst-${i}@example.org` }, linkNonce: generateFormNonce() }),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Without a bound the waiting bookings hold all four connections, and this read waits for the pool's timeout.
      expect(await settled(small.select({ id: locations.id }).from(locations), 2_000)).toBe(true);
      await other.query("COMMIT");
      const outcomes = await Promise.allSettled(burst);
      expect(outcomes.some((o) => o.status === "fulfilled")).toBe(true);
      for (const outcome of outcomes) if (outcome.status === "rejected") expect(String(outcome.reason)).toMatch(/slot|taken|limit/i);
    } finally {
      await closePostgresDatabase(small);
    }
  });
});
