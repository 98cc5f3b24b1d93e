import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type AppDatabase } from "@/db/client";
import { inWriteTransaction } from "@/db/transaction";
import { createTempDatabase } from "@/lib/testing/temp-db";
import { revisionStamp, StampedCache, withRevisionSnapshot } from "./revisions";

let temp: ReturnType<typeof createTempDatabase>;
/** A second connection to the same file: what another process on the database does. */
let other: AppDatabase;

beforeAll(() => {
  temp = createTempDatabase();
  other = openDatabase(temp.databasePath, { migrate: false });
});
afterAll(() => {
  other.$client.close();
  temp.cleanup();
});

const bump = (db: AppDatabase, key: string) =>
  db.$client.prepare("insert into data_revisions (key, value) values (?, 1) on conflict (key) do update set value = value + 1").run(key);

describe("change counters", () => {
  it("outside a snapshot scope, every stamp reads the counters afresh", () => {
    const before = revisionStamp(temp.db, ["catalogue"]);
    bump(other, "catalogue");
    expect(revisionStamp(temp.db, ["catalogue"])).not.toBe(before);
  });

  it("inside a scope they are read once; the next scope sees what another connection wrote meanwhile", () => {
    const [first, second] = withRevisionSnapshot(temp.db, () => {
      const first = revisionStamp(temp.db, ["catalogue", "capacity"]);
      bump(other, "catalogue");
      return [first, revisionStamp(temp.db, ["catalogue", "capacity"])];
    });
    expect(second).toBe(first);
    expect(withRevisionSnapshot(temp.db, () => revisionStamp(temp.db, ["catalogue", "capacity"]))).not.toBe(first);
  });

  it("a write transaction inside a scope reads them afresh, and the scope re-reads them after it", () => {
    withRevisionSnapshot(temp.db, () => {
      const before = revisionStamp(temp.db, ["capacity"]);
      const inside = inWriteTransaction(temp.db, (tx) => {
        bump(temp.db, "capacity");
        return revisionStamp(tx, ["capacity"]);
      });
      expect(inside).not.toBe(before);
      expect(revisionStamp(temp.db, ["capacity"])).toBe(inside);
    });
  });

  it("refuses asynchronous work, whose later reads would fall outside the scope", () => {
    expect(() => withRevisionSnapshot(temp.db, async () => 1)).toThrow(/synchronous/);
  });

  it("a stamp names the database file, so two databases in one process never share cache entries", () => {
    const second = createTempDatabase();
    try {
      expect(revisionStamp(second.db, ["catalogue"])).not.toBe(revisionStamp(temp.db, ["catalogue"]));
    } finally {
      second.cleanup();
    }
  });
});

describe("StampedCache", () => {
  it("evicts the least recently used entries beyond the count", () => {
    const cache = new StampedCache<string>(2);
    cache.getOrCompute("a", "1", () => "A");
    cache.getOrCompute("b", "1", () => "B");
    cache.getOrCompute("a", "1", () => "not computed again");
    cache.getOrCompute("c", "1", () => "C");
    expect(cache.size.entries).toBe(2);
    expect(cache.getOrCompute("a", "1", () => "A again")).toBe("A");
    expect(cache.getOrCompute("b", "1", () => "B again")).toBe("B again");
  });

  it("keeps the total weight under its limit, evicting the oldest first, but always keeps the newest entry", () => {
    const cache = new StampedCache<string>(100, { maxWeight: 10, weigh: (text) => text.length });
    cache.getOrCompute("a", "1", () => "aaaa");
    cache.getOrCompute("b", "1", () => "bbbb");
    expect(cache.size).toEqual({ entries: 2, weight: 8 });
    cache.getOrCompute("c", "1", () => "cccc");
    expect(cache.size).toEqual({ entries: 2, weight: 8 });
    expect(cache.getOrCompute("a", "1", () => "recomputed")).toBe("recomputed");
    cache.getOrCompute("huge", "1", () => "x".repeat(50));
    expect(cache.size).toEqual({ entries: 1, weight: 50 });
  });

  it("recomputes under a new stamp and counts the replaced entry's weight no more", () => {
    const cache = new StampedCache<string>(100, { maxWeight: 10, weigh: (text) => text.length });
    cache.getOrCompute("a", "1", () => "aaaaaa");
    expect(cache.getOrCompute("a", "2", () => "bbb")).toBe("bbb");
    expect(cache.size).toEqual({ entries: 1, weight: 3 });
  });
});
