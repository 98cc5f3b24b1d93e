import { runTransaction } from "./async-database";
import type { DbOrTransaction, DbTransaction } from "./client";
import { isPostgres } from "./engine";
import { runPostgresTransaction } from "./postgres";
import { sqliteOf, withoutRevisionSnapshot } from "./revisions";

export type WriteTransactionOptions = {
  /**
   * What the transaction decides on, when that is narrower than "everything": e.g. `location:3` and `mailbox:<hash>`
   * for a booking. On PostgreSQL transactions with different keys run side by side (db/postgres.ts); every
   * transaction without keys still excludes all others. SQLite has one write lock for the file and ignores them.
   * A transaction joined by a nested call keeps the locks of the outer one, so name every key the work decides on.
   */
  locks?: readonly string[];
};

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
export function inWriteTransaction<T>(db: DbOrTransaction, work: (tx: DbTransaction) => T | Promise<T>, options: WriteTransactionOptions = {}): Promise<T> {
  if (isPostgres) return withoutRevisionSnapshot(() => runPostgresTransaction(db, async () => work(db), options.locks));
  return withoutRevisionSnapshot(() => runTransaction(sqliteOf(db), async () => work(db)));
}
