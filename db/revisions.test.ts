import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type AppDatabase } from "@/db/client";
import { inWriteTransaction } from "@/db/transaction";
import { createTempDatabase } from "@/lib/testing/temp-db";
import { revisionStamp, StampedCache, withRevisionSnapshot } from "./revisions";

let temp: Awaited<ReturnType<typeof createTempDatabase>>;
/** A second connection to the same file: what another process on the database does. */
let other: AppDatabase;

beforeAll(async () => {
  temp = await createTempDatabase();
  other = openDatabase(temp.databasePath, { migrate: false });
});
afterAll(async () => {
  other.$client.close();
  await temp.cleanup();
});

const bump = (db: AppDatabase, key: string) =>
  db.$client.prepare("insert into data_revisions (key, value) values (?, 1) on conflict (key) do update set value = value + 1").run(key);

describe("change counters", () => {
  it("outside a snapshot scope, every stamp reads the counters afresh", async () => {
    const before = await revisionStamp(temp.db, ["catalogue"]);
    bump(other, "catalogue");
    expect(await revisionStamp(temp.db, ["catalogue"])).not.toBe(before);
  });

  it("inside a scope they are read once, across its awaits; the next scope sees what another connection wrote meanwhile", async () => {
    const [first, second] = await withRevisionSnapshot(temp.db, async () => {
      const first = await revisionStamp(temp.db, ["catalogue", "capacity"]);
      bump(other, "catalogue");
      await new Promise((resolve) => setImmediate(resolve));
      return [first, await revisionStamp(temp.db, ["catalogue", "capacity"])];
    });
    expect(second).toBe(first);
    expect(await withRevisionSnapshot(temp.db, async () => revisionStamp(temp.db, ["catalogue", "capacity"]))).not.toBe(first);
  });

  it("a write transaction inside a scope reads them afresh, and the scope re-reads them after it", async () => {
    await withRevisionSnapshot(temp.db, async () => {
      const before = await revisionStamp(temp.db, ["capacity"]);
      const inside = await inWriteTransaction(temp.db, async (tx) => {
        bump(temp.db, "capacity");
        return revisionStamp(tx, ["capacity"]);
      });
      expect(inside).not.toBe(before);
      expect(await revisionStamp(temp.db, ["capacity"])).toBe(inside);
    });
  });

  it("ends with its call: a call running beside it reads the counters itself", async () => {
    let inOther = "";
    const first = await withRevisionSnapshot(temp.db, async () => {
      const stamp = await revisionStamp(temp.db, ["catalogue"]);
      bump(other, "catalogue");
      inOther = await (async () => revisionStamp(temp.db, ["catalogue"]))();
      return stamp;
    });
    // Awaited inside the scope, the nested call shares its snapshot; a separate call does not.
    expect(inOther).toBe(first);
    expect(await revisionStamp(temp.db, ["catalogue"])).not.toBe(first);
  });

  it("a stamp names the database file, so two databases in one process never share cache entries", async () => {
    const second = await createTempDatabase();
    try {
      expect(await revisionStamp(second.db, ["catalogue"])).not.toBe(await revisionStamp(temp.db, ["catalogue"]));
    } finally {
      await second.cleanup();
    }
  });
});

describe("StampedCache", () => {
  it("shares one computation between callers that ask while it runs, and forgets a failed one", async () => {
    const cache = new StampedCache<string>(10);
    let computed = 0;
    const slow = async () => {
      computed += 1;
      await new Promise((resolve) => setImmediate(resolve));
      return "value";
    };
    expect(await Promise.all([cache.getOrCompute("k", "1", slow), cache.getOrCompute("k", "1", slow)])).toEqual(["value", "value"]);
    expect(computed).toBe(1);
    await expect(cache.getOrCompute("f", "1", async () => Promise.reject(new Error("database gone")))).rejects.toThrow("database gone");
    expect(await cache.getOrCompute("f", "1", async () => "recovered")).toBe("recovered");
  });

  const value = <T,>(v: T) => async () => v;
  it("evicts the least recently used entries beyond the count", async () => {
    const cache = new StampedCache<string>(2);
    await cache.getOrCompute("a", "1", value("A"));
    await cache.getOrCompute("b", "1", value("B"));
    await cache.getOrCompute("a", "1", value("not computed again"));
    await cache.getOrCompute("c", "1", value("C"));
    expect(cache.size.entries).toBe(2);
    expect(await cache.getOrCompute("a", "1", value("A again"))).toBe("A");
    expect(await cache.getOrCompute("b", "1", value("B again"))).toBe("B again");
  });

  it("keeps the total weight under its limit, evicting the oldest first, but always keeps the newest entry", async () => {
    const cache = new StampedCache<string>(100, { maxWeight: 10, weigh: (text) => text.length });
    await cache.getOrCompute("a", "1", value("aaaa"));
    await cache.getOrCompute("b", "1", value("bbbb"));
    expect(cache.size).toEqual({ entries: 2, weight: 8 });
    await cache.getOrCompute("c", "1", value("cccc"));
    expect(cache.size).toEqual({ entries: 2, weight: 8 });
    expect(await cache.getOrCompute("a", "1", value("recomputed"))).toBe("recomputed");
    await cache.getOrCompute("huge", "1", value("x".repeat(50)));
    expect(cache.size).toEqual({ entries: 1, weight: 50 });
  });

  it("recomputes under a new stamp and counts the replaced entry's weight no more", async () => {
    const cache = new StampedCache<string>(100, { maxWeight: 10, weigh: (text) => text.length });
    await cache.getOrCompute("a", "1", value("aaaaaa"));
    expect(await cache.getOrCompute("a", "2", value("bbb"))).toBe("bbb");
    expect(cache.size).toEqual({ entries: 1, weight: 3 });
  });
});
