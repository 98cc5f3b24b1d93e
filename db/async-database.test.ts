import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTempDatabase } from "@/lib/testing/temp-db";
import { afterCommit, runExclusive } from "./async-database";
import type { AppDatabase } from "./client";
import { inWriteTransaction } from "./transaction";

/** A macrotask: what a real await (network, file, another request) gives other requests the chance to run in. */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

let temp: Awaited<ReturnType<typeof createTempDatabase>>;

function counter(db: AppDatabase): number {
  return db.get<{ value: number }>(sql`select value from counter where id = 1`).value;
}

beforeEach(async () => {
  temp = await createTempDatabase();
  temp.db.$client.exec("create table counter (id integer primary key, value integer not null); insert into counter values (1, 0);");
});

afterEach(async () => {
  await temp.cleanup();
  vi.restoreAllMocks();
});

async function increment(tx: AppDatabase): Promise<void> {
  const value = counter(tx);
  await yieldToOthers();
  tx.run(sql`update counter set value = ${value + 1} where id = 1`);
}

function codeOf(error: unknown): string | undefined {
  const withCode = error as { code?: string; cause?: { code?: string } };
  return withCode.cause?.code ?? withCode.code;
}

describe("asynchronous write transactions on SQLite", () => {
  it("commit what the callback wrote and return its result", async () => {
    const result = await inWriteTransaction(temp.db, async (tx) => {
      await increment(tx);
      return "done";
    });
    expect(result).toBe("done");
    expect(counter(temp.db)).toBe(1);
  });

  it("roll back everything when the callback throws, and rethrow", async () => {
    await expect(
      inWriteTransaction(temp.db, async (tx) => {
        await increment(tx);
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(counter(temp.db)).toBe(0);
    expect(temp.db.$client.inTransaction).toBe(false);
  });

  it("run one after another, so none decides on a stale value", async () => {
    await Promise.all(Array.from({ length: 20 }, () => inWriteTransaction(temp.db, increment)));
    expect(counter(temp.db)).toBe(20);
  });

  it("keep going after a failed one", async () => {
    const failing = inWriteTransaction(temp.db, async () => {
      throw new Error("first fails");
    });
    const next = inWriteTransaction(temp.db, increment);
    await expect(failing).rejects.toThrow("first fails");
    await next;
    expect(counter(temp.db)).toBe(1);
  });

  it("show everyone else only committed data while one is open", async () => {
    let seenDuring = -1;
    await Promise.all([
      inWriteTransaction(temp.db, async (tx) => {
        tx.run(sql`update counter set value = 5 where id = 1`);
        await yieldToOthers();
        await yieldToOthers();
      }),
      (async () => {
        await yieldToOthers();
        seenDuring = counter(temp.db);
      })(),
    ]);
    expect(seenDuring).toBe(0);
    expect(counter(temp.db)).toBe(5);
  });

  it("refuse a write from outside while one is open, instead of letting it join (and roll back with) the transaction", async () => {
    let outsideError: unknown;
    await Promise.all([
      inWriteTransaction(temp.db, async (tx) => {
        await increment(tx);
        await yieldToOthers();
        throw new Error("rolled back");
      }).catch(() => undefined),
      (async () => {
        await yieldToOthers();
        try {
          temp.db.run(sql`update counter set value = 99 where id = 1`);
        } catch (error) {
          outsideError = error;
        }
      })(),
    ]);
    expect(codeOf(outsideError)).toBe("SQLITE_READONLY");
    expect(counter(temp.db)).toBe(0);
    // With no transaction open, a single statement writes as before.
    temp.db.run(sql`update counter set value = 7 where id = 1`);
    expect(counter(temp.db)).toBe(7);
  });

  it("join an outer transaction when nested: one commit, one rollback", async () => {
    await expect(
      inWriteTransaction(temp.db, async (tx) => {
        await inWriteTransaction(tx, increment);
        await inWriteTransaction(tx, increment);
        expect(counter(tx)).toBe(2);
        throw new Error("outer fails");
      }),
    ).rejects.toThrow("outer fails");
    expect(counter(temp.db)).toBe(0);
  });

  it("run after-commit work only once committed, and never after a rollback", async () => {
    const events: string[] = [];
    await inWriteTransaction(temp.db, async (tx) => {
      afterCommit(() => events.push(`after commit saw ${counter(temp.db)}`));
      await increment(tx);
      events.push("in transaction");
    });
    await inWriteTransaction(temp.db, async () => {
      afterCommit(() => events.push("after a rollback"));
      throw new Error("rolled back");
    }).catch(() => undefined);
    expect(events).toEqual(["in transaction", "after commit saw 1"]);
  });

  it("report failing after-commit work without failing the committed transaction or logging its message", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await inWriteTransaction(temp.db, async (tx) => {
      afterCommit(() => {
        throw new TypeError("Erika Mustermann <erika@example.org>");
      });
      await increment(tx);
    });
    expect(counter(temp.db)).toBe(1);
    expect(warn).toHaveBeenCalledWith("after-commit work failed: TypeError");
  });

  it("wait for another process's write lock without blocking the event loop", async () => {
    const other = new Database(temp.databasePath);
    other.exec("BEGIN IMMEDIATE");
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 5);
    setTimeout(() => other.exec("COMMIT"), 150);
    const started = performance.now();
    await inWriteTransaction(temp.db, increment);
    clearInterval(ticker);
    other.close();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    // While waiting, the process kept serving: its timers ran (a sleeping busy handler would have frozen them).
    expect(ticks).toBeGreaterThan(5);
    expect(counter(temp.db)).toBe(1);
  });

  it("let exclusive raw work (the rate limiter's own transactions) run between transactions, never inside one", async () => {
    const seen: boolean[] = [];
    await Promise.all([
      inWriteTransaction(temp.db, increment),
      runExclusive(temp.db.$client, () => {
        seen.push(temp.db.$client.inTransaction);
        temp.db.$client.transaction(() => temp.db.$client.exec("update counter set value = value + 10 where id = 1")).immediate();
      }),
      inWriteTransaction(temp.db, increment),
    ]);
    expect(seen).toEqual([false]);
    expect(counter(temp.db)).toBe(12);
  });
});
