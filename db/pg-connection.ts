import type pg from "pg";

/**
 * Finishes a transaction that `work` runs on one PostgreSQL connection: COMMIT when it resolves, ROLLBACK when it
 * throws (the error goes on). `release` then gets the connection back, with the ROLLBACK's own failure if there was
 * one, so a connection that cannot even roll back is closed instead of lent again (node-postgres's `release(error)`).
 * Used by the write transactions (db/postgres.ts) and the migrations (db/migrate-pg.ts), which send their own BEGIN.
 */
export async function committedOrRolledBack<T>(client: pg.ClientBase, release: (broken?: Error) => void, work: () => Promise<T>): Promise<T> {
  let broken: Error | undefined;
  try {
    const result = await work();
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch((failed: Error) => (broken = failed));
    throw error;
  } finally {
    release(broken);
  }
}
