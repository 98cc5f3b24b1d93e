import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type AppDatabase } from "@/db/client";
import { inWriteTransaction } from "@/db/transaction";
import { createTempDatabase } from "@/lib/testing/temp-db";
import { revisionStamp, withRevisionSnapshot } from "./revisions";

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
