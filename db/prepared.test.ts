import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTempDatabase, type TempDatabase } from "@/lib/testing/temp-db";
import type { DbOrTransaction } from "./client";
import { isPostgres } from "./engine";
import { postgresPoolOf, STATEMENT_NAME_PREFIX } from "./postgres";
import { preparedOnce } from "./prepared";
import { dataRevisions } from "./schema";
import { inWriteTransaction } from "./transaction";

let temp: TempDatabase;
beforeAll(async () => {
  temp = await createTempDatabase();
  // The probe below selects from this table, so it needs a row.
  await inWriteTransaction(temp.db, async (tx) => tx.insert(dataRevisions).values({ key: "prepared-test-row", value: 1 }));
});
afterAll(async () => {
  await temp.cleanup();
});

const KEY = "prepared-test";
type PgExecutor = { execute: (query: ReturnType<typeof sql>) => Promise<{ rows: { pid: number }[] }> };

/** The counter `KEY` as seen by whoever runs the statement: a transaction sees its own uncommitted insert. */
const counterStatement = (db: DbOrTransaction) =>
  preparedOnce(db, "test-counter", (d) => d.select({ value: dataRevisions.value }).from(dataRevisions).where(eq(dataRevisions.key, sql.placeholder("key"))).prepare());

describe.runIf(!isPostgres)("preparedOnce on SQLite", () => {
  it("prepares once per connection: the writer in a transaction (and when none is open), the reader beside one", async () => {
    const writer = counterStatement(temp.db);
    expect(counterStatement(temp.db)).toBe(writer);
    let inserted!: () => void;
    const insertedNow = new Promise<void>((resolve) => (inserted = resolve));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = inWriteTransaction(temp.db, async (tx) => {
      await tx.insert(dataRevisions).values({ key: KEY, value: 7 });
      expect(counterStatement(tx)).toBe(writer);
      expect(await counterStatement(tx).execute({ key: KEY })).toEqual([{ value: 7 }]);
      inserted();
      await held;
      await tx.delete(dataRevisions).where(eq(dataRevisions.key, KEY));
    });
    await insertedNow;
    // Beside the open transaction: the reader's own statement, which sees only what is committed.
    const reader = counterStatement(temp.db);
    expect(reader).not.toBe(writer);
    expect(await reader.execute({ key: KEY })).toEqual([]);
    release();
    await transaction;
  });
});

describe.runIf(isPostgres)("preparedOnce on PostgreSQL", () => {
  /**
   * A named statement that reports the connection it ran on and the statements prepared there: it appears in
   * `pg_prepared_statements` while it runs only if node-postgres sent it under its name.
   */
  const probe = (db: DbOrTransaction) =>
    preparedOnce(db, "test-probe", (d) =>
      d
        .select({
          pid: sql<number>`pg_backend_pid()`,
          prepared: sql<string[]>`(select array_agg(name::text) from pg_prepared_statements)`,
          slept: sql<string>`pg_sleep(${sql.placeholder("seconds")})::text`,
        })
        .from(dataRevisions)
        .limit(1)
        .prepare(),
    );
  const probeName = `${STATEMENT_NAME_PREFIX}test-probe`;
  /** The connection a plain (unprepared) statement runs on: services are typed for SQLite, which has no `execute`. */
  const backendPid = async (db: DbOrTransaction) =>
    Number((await (db as unknown as PgExecutor).execute(sql`select pg_backend_pid() as pid`)).rows[0]!.pid);

  it("runs one pool statement, built once, by name on several pool connections at once", async () => {
    const statement = probe(temp.db);
    expect(probe(temp.db)).toBe(statement);
    // Run side by side, each holding its connection for a moment, so the pool lends more than one.
    const runs = await Promise.all(Array.from({ length: 4 }, () => statement.execute({ seconds: 0.1 })));
    const pids = new Set(runs.map(([row]) => row!.pid));
    expect(pids.size).toBeGreaterThan(1);
    for (const [row] of runs) expect(row!.prepared).toContain(probeName);
    // Again on the same connections: parsed there already, still correct.
    const again = await Promise.all(Array.from({ length: 4 }, () => statement.execute({ seconds: 0.05 })));
    for (const [row] of again) expect(row!.prepared).toContain(probeName);
  });

  it("inside a transaction runs on the transaction's connection, sees its writes, and serves later transactions there", async () => {
    const outside = counterStatement(temp.db);
    const seen = await inWriteTransaction(temp.db, async (tx) => {
      await tx.insert(dataRevisions).values({ key: KEY, value: 7 });
      const pid = await backendPid(tx);
      const inside = counterStatement(tx);
      expect(inside).not.toBe(outside);
      const [probed] = await probe(tx).execute({ seconds: 0 });
      expect(probed!.pid).toBe(pid);
      // The pool's statement, run meanwhile, takes another connection and sees only what is committed.
      const [outsideNow, insideNow] = await Promise.all([outside.execute({ key: KEY }), inside.execute({ key: KEY })]);
      await tx.delete(dataRevisions).where(eq(dataRevisions.key, KEY));
      return { outsideNow, insideNow, inside, pid };
    });
    expect(seen.insideNow).toEqual([{ value: 7 }]);
    expect(seen.outsideNow).toEqual([]);
    expect(await outside.execute({ key: KEY })).toEqual([]);

    // Later transactions get the pool's connections again, each with the statement built for that connection: the
    // one built in the first transaction comes back exactly when its connection does.
    for (let i = 0; i < 5; i++) {
      await inWriteTransaction(temp.db, async (tx) => {
        const pid = await backendPid(tx);
        const [probed] = await probe(tx).execute({ seconds: 0 });
        expect(probed!.pid).toBe(pid);
        if (pid === seen.pid) expect(counterStatement(tx)).toBe(seen.inside);
        else expect(counterStatement(tx)).not.toBe(seen.inside);
        expect(await counterStatement(tx).execute({ key: KEY })).toEqual([]);
      });
    }
  });

  it("never hands a transaction's statement to the pool or to another transaction running beside it", async () => {
    const pool = postgresPoolOf(temp.db);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // A transaction holding its connection while a second one and pool statements run: each uses its own connection.
    const first = inWriteTransaction(
      temp.db,
      async (tx) => {
        const [row] = await probe(tx).execute({ seconds: 0 });
        await held;
        return row!.pid;
      },
      { locks: ["prepared-test:a"] },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = await inWriteTransaction(temp.db, async (tx) => (await probe(tx).execute({ seconds: 0 }))[0]!.pid, { locks: ["prepared-test:b"] });
    const [pooled] = await probe(temp.db).execute({ seconds: 0 });
    release();
    const firstPid = await first;
    expect(second).not.toBe(firstPid);
    expect(pooled!.pid).not.toBe(firstPid);
    expect(pool.totalCount).toBeGreaterThan(1);
  });
});
