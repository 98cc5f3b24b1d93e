import type { AppDatabase, DbTransaction } from "./client";
import { withoutRevisionSnapshot } from "./revisions";

/**
 * The one way to run a multi-step write: `BEGIN IMMEDIATE`, so the write lock is taken before anything is read and
 * two requests (in one process or several on the same file) never decide on the same stale state, e.g. two bookings
 * for the last free counter or two clerks calling the same person. The callback is synchronous (better-sqlite3 commits
 * when it returns; an `await` inside would run outside the transaction) and returns the result.
 *
 * A second engine (PostgreSQL, issue 14) gets its own implementation behind this name: per-location locks and retries
 * on serialization failures belong here, not at the call sites.
 *
 * Its own writes move the change counters, so a transaction never uses counters read earlier in a read-only call
 * (withRevisionSnapshot in db/revisions.ts).
 */
export function inWriteTransaction<T>(db: AppDatabase, work: (tx: DbTransaction) => T): T {
  // eslint-disable-next-line no-restricted-syntax -- the one place that opens a Drizzle transaction
  return withoutRevisionSnapshot(() => db.transaction(work, { behavior: "immediate" }));
}
