import { ServiceBusyError } from "@/lib/errors";
import { runTransaction } from "./async-database";
import type { DbOrTransaction, DbTransaction } from "./client";
import { isPostgres } from "./engine";
import { AdmissionTimeoutError } from "@/lib/admission";
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
 * A transaction that waited too long (a burst holding the locks, no free connection, the file locked by another
 * process) was rolled back and rejects with ServiceBusyError, which the edges answer with "busy, try again in a
 * moment" (503 with Retry-After in the API) instead of an unexpected error.
 *
 * Its own writes move the change counters, so a transaction never uses counters read earlier in a read-only call
 * (withRevisionSnapshot in db/revisions.ts).
 */
export function inWriteTransaction<T>(db: DbOrTransaction, work: (tx: DbTransaction) => T | Promise<T>, options: WriteTransactionOptions = {}): Promise<T> {
  const running = isPostgres
    ? withoutRevisionSnapshot(() => runPostgresTransaction(db, async () => work(db), options.locks))
    : withoutRevisionSnapshot(() => runTransaction(sqliteOf(db), async () => work(db)));
  return running.catch((error: unknown) => {
    // Already translated by a nested call, or not a wait at all.
    const waited = error instanceof ServiceBusyError ? null : waitedTooLong(error);
    if (!waited) throw error;
    // The reason only: enough for an operator to see bursts (or a stuck transaction) in the log, no request data.
    console.warn(`write transaction gave up waiting (${waited}); answered "busy"`);
    throw new ServiceBusyError();
  });
}

/**
 * An error as the edges (action wrappers, the API) answer it. A wait that ran out outside a write transaction, e.g. a
 * read that found no free connection in the pool during a burst, or the rate limiter's write on a SQLite file another
 * process held too long, is "busy, try again in a moment" like one inside, not an unexpected error. Nothing was
 * written by the request that waited: reads write nothing, and the rate limiter's upsert is one statement.
 */
export function asServiceBusy(error: unknown): unknown {
  if (error instanceof ServiceBusyError) return error;
  const waited = waitedTooLong(error);
  if (!waited) return error;
  console.warn(`a request gave up waiting outside a write transaction (${waited}); answered "busy"`);
  return new ServiceBusyError();
}

/**
 * Engine errors that mean "waited too long", not "the work is wrong": PostgreSQL's lock timeout (55P03
 * lock_not_available), a statement cancelled by `statement_timeout` (57014 query_canceled), a transaction ended by
 * `idle_in_transaction_session_timeout` (25P03), SQLite's write lock still held by another process when BEGIN
 * IMMEDIATE gives up (SQLITE_BUSY). Errors without a code are busy only when they come from waiting for a connection
 * (node-postgres' pool) or for a turn in this process (db/postgres.ts). Everything else stays unexpected.
 */
const WAITED_TOO_LONG_CODES = new Set(["55P03", "57014", "25P03", "SQLITE_BUSY", "SQLITE_BUSY_SNAPSHOT", "SQLITE_BUSY_TIMEOUT"]);
/** pg-pool's words when no connection became free within `connectionTimeoutMillis`. */
const POOL_CONNECT_TIMEOUT = "timeout exceeded when trying to connect";

/** The code or reason that makes `error` a wait that ran out, or null. Drizzle wraps driver errors: causes are followed. */
export function waitedTooLong(error: unknown): string | null {
  for (let cause: unknown = error, depth = 0; cause && typeof cause === "object" && depth < 5; cause = (cause as { cause?: unknown }).cause, depth += 1) {
    if (cause instanceof AdmissionTimeoutError) return cause.what;
    const { code, message } = cause as { code?: unknown; message?: unknown };
    if (typeof code === "string" && WAITED_TOO_LONG_CODES.has(code)) return code;
    if (typeof message === "string" && message.startsWith(POOL_CONNECT_TIMEOUT)) return "connection";
  }
  return null;
}
