import { runTransaction } from "./async-database";
import type { DbOrTransaction, DbTransaction } from "./client";
import { isPostgres } from "./engine";
import { runPostgresTransaction } from "./postgres";
import { sqliteOf, withoutRevisionSnapshot } from "./revisions";

/**
 * The one way to write: `BEGIN IMMEDIATE`, so the write lock is taken before anything is read and two requests (in one
 * process or several on the same file) never decide on the same stale state, e.g. two bookings for the last free
 * counter or two clerks calling the same person. The callback may await; transactions of one process run one after
 * another, and nobody else sees their writes before they commit (db/async-database.ts). Called inside a transaction,
 * the callback joins it.
 *
 * On PostgreSQL (db/postgres.ts) the same promise holds across instances: READ COMMITTED, a write lock taken first,
 * retries on serialization failures and deadlocks. Call sites do not know the engine.
 *
 * Its own writes move the change counters, so a transaction never uses counters read earlier in a read-only call
 * (withRevisionSnapshot in db/revisions.ts).
 */
export function inWriteTransaction<T>(db: DbOrTransaction, work: (tx: DbTransaction) => T | Promise<T>): Promise<T> {
  if (isPostgres) return withoutRevisionSnapshot(() => runPostgresTransaction(db, async () => work(db)));
  return withoutRevisionSnapshot(() => runTransaction(sqliteOf(db), async () => work(db)));
}
