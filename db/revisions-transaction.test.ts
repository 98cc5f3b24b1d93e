import { eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDatabase, type TempDatabase } from "@/lib/testing/temp-db";
import { loadCatalogue } from "./queries/catalogue";
import { getSettings } from "./queries/settings";
import { isPostgres } from "./engine";
import { settings } from "./schema";
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
    const texts: string[] = [];
    const original = pg.Client.prototype.query;
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      const first = args[0] as string | { text: string };
      texts.push(typeof first === "string" ? first : first.text);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof original;
    try {
      await inWriteTransaction(temp.db, async (tx) => {
        await getSettings(tx);
        await loadCatalogue(tx);
        await getSettings(tx);
        await tx.update(settings).set({ contactPhone: "05121 1234" }).where(eq(settings.id, 1));
        await getSettings(tx);
        await loadCatalogue(tx);
      });
    } finally {
      pg.Client.prototype.query = original;
    }
    const counterReads = texts.filter((text) => text.includes("from data_revisions"));
    expect(counterReads).toHaveLength(2);
  });
});
