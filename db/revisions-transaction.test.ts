import { eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDatabase, type TempDatabase } from "@/lib/testing/temp-db";
import { loadCatalogue } from "./queries/catalogue";
import { getSettings } from "./queries/settings";
import { isPostgres } from "./engine";
import { COUNTERS_MOVED_BY_TABLE, queryPostgresRows } from "./postgres";
import { revisionStamp } from "./revisions";
import { bookings, settings } from "./schema";
import { inWriteTransaction } from "./transaction";

/**
 * Cached lookups inside a write transaction (settings, catalogue, locations, capacity rules) check the change counters.
 * On PostgreSQL each check is a round trip while the transaction holds its locks, so a transaction reads the counters
 * once and keeps them until it writes (db/postgres.ts). Whatever it wrote itself must still be seen by the next lookup.
 */
let temp: TempDatabase;
beforeAll(async () => {
  temp = await createTempDatabase();
  await getSettings(temp.db);
});
afterAll(async () => {
  await temp.cleanup();
});

describe("cached lookups inside a write transaction", () => {
  it("see the transaction's own write: a setting changed in it is read back changed, and after it", async () => {
    const before = (await getSettings(temp.db)).contactPhone;
    const seen = await inWriteTransaction(temp.db, async (tx) => {
      const first = (await getSettings(tx)).contactPhone;
      await tx.update(settings).set({ contactPhone: `${before} (changed)` }).where(eq(settings.id, 1));
      return [first, (await getSettings(tx)).contactPhone];
    });
    expect(seen).toEqual([before, `${before} (changed)`]);
    expect((await getSettings(temp.db)).contactPhone).toBe(`${before} (changed)`);
  });

  it.runIf(isPostgres)("on PostgreSQL read the counters once until the transaction writes, then once more", async () => {
    const texts = await statementsOf(() =>
      inWriteTransaction(temp.db, async (tx) => {
        await getSettings(tx);
        await loadCatalogue(tx);
        await getSettings(tx);
        await tx.update(settings).set({ contactPhone: "05121 1234" }).where(eq(settings.id, 1));
        await getSettings(tx);
        await loadCatalogue(tx);
      }),
    );
    const counterReads = texts.filter((text) => text.includes("from data_revisions"));
    expect(counterReads).toHaveLength(2);
  });

  it.runIf(isPostgres)("on PostgreSQL keep the counters across a write that moves none of those looked up, and read them again for one it moved", async () => {
    const counterReads = (texts: string[]) => texts.filter((text) => text.includes("from data_revisions")).length;
    const readsAfter: number[] = [];
    await statementsOf((texts) =>
      inWriteTransaction(temp.db, async (tx) => {
        await getSettings(tx);
        // Moves only the `bookings:` counter of the booking's location (a booking's own insert does the same).
        await tx.update(bookings).set({ note: null }).where(eq(bookings.id, -1));
        await getSettings(tx);
        await loadCatalogue(tx);
        readsAfter.push(counterReads(texts));
        await revisionStamp(tx, ["bookings:1"]);
        readsAfter.push(counterReads(texts));
      }),
    );
    expect(readsAfter).toEqual([1, 2]);
  });

  it.runIf(isPostgres)("on PostgreSQL open in one round trip: BEGIN, the locks, then the counters the lookups use", async () => {
    const texts = await statementsOf(() => inWriteTransaction(temp.db, async (tx) => [await getSettings(tx), await loadCatalogue(tx)], { locks: ["location:1", "mailbox:abc"] }));
    expect(texts[0]).toMatch(
      /^begin isolation level read committed; select set_config\('lock_timeout', '\d+ms', true\), pg_advisory_xact_lock_shared\(\d+\), pg_advisory_xact_lock\(hashtextextended\('location:1', 0\)\), pg_advisory_xact_lock\(hashtextextended\('mailbox:abc', 0\)\); select key, value from data_revisions$/,
    );
    expect(texts.filter((text) => text.includes("from data_revisions"))).toHaveLength(1);
    expect(texts.at(-1)).toBe("commit");
  });

  it.runIf(isPostgres)("on PostgreSQL refuse a lock key that is not one of ours before anything is sent", async () => {
    let ran = false;
    const texts = await statementsOf(async () => {
      const attempt = inWriteTransaction(temp.db, async () => (ran = true), { locks: ["location:1', 0)); drop table bookings; --"] });
      await expect(attempt).rejects.toThrow(/unexpected lock key/);
    });
    expect(ran).toBe(false);
    expect(texts).toEqual([]);
  });

  it.runIf(isPostgres)("on PostgreSQL know which counters a write to each table moves, as the database's triggers do", async () => {
    const rows = await queryPostgresRows<[string, string]>(
      temp.db,
      {
        text: `select c.relname, encode(t.tgargs, 'escape') from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_proc p on p.oid = t.tgfoid
          where p.proname like 'data_revisions_bump%' and not t.tgisinternal`,
      },
      [],
    );
    const fromTriggers = new Map(rows.map(([table, args]) => [table, args.split("\\000")[0]!]));
    expect(fromTriggers.size).toBeGreaterThan(10);
    expect(Object.fromEntries(fromTriggers)).toEqual(COUNTERS_MOVED_BY_TABLE);
  });
});

/** The texts of the statements `work` sends to PostgreSQL (also handed to `work`, to count as it goes). */
async function statementsOf(work: (texts: string[]) => Promise<unknown>): Promise<string[]> {
  const texts: string[] = [];
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    const first = args[0] as string | { text: string };
    texts.push(typeof first === "string" ? first : first.text);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await work(texts);
  } finally {
    pg.Client.prototype.query = original;
  }
  return texts;
}
