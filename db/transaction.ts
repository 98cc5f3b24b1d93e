import { runTransaction } from "./async-database";
import type { DbOrTransaction, DbTransaction } from "./client";
import { sqliteOf, withoutRevisionSnapshot } from "./revisions";

/**
 * The one way to write: `BEGIN IMMEDIATE`, so the write lock is taken before anything is read and two requests (in one
 * process or several on the same file) never decide on the same stale state, e.g. two bookings for the last free
 * counter or two clerks calling the same person. The callback may await; transactions of one process run one after
 * another, and nobody else sees their writes before they commit (db/async-database.ts). Called inside a transaction,
 * the callback joins it.
 *
 * A second engine (PostgreSQL, issue 14) gets its own implementation behind this name: per-location locks and retries
 * on serialization failures belong here, not at the call sites.
 *
 * Its own writes move the change counters, so a transaction never uses counters read earlier in a read-only call
 * (withRevisionSnapshot in db/revisions.ts).
 */
export function inWriteTransaction<T>(db: DbOrTransaction, work: (tx: DbTransaction) => T | Promise<T>): Promise<T> {
  return withoutRevisionSnapshot(() => runTransaction(sqliteOf(db), async () => work(db)));
}
