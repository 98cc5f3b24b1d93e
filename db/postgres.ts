import { drizzle, type NodePgDatabase, NodePgSession, NodePgTransaction } from "drizzle-orm/node-postgres";
import type { PgDialect } from "drizzle-orm/pg-core";
import pg from "pg";
import { currentTransaction, type OpenTransaction, runAfterCommitHooks } from "./async-database";
import { committedOrRolledBack } from "./pg-connection";
import type { AppDatabase } from "./client";
import * as pgSchema from "./schema-pg";
import { Admission } from "@/lib/admission";

/**
 * PostgreSQL as the second engine (issue 14), selected by `DATABASE_URL=postgres://…` (db/engine.ts). Services are
 * written once against the SQLite types; the database object made here has the same query builder methods and is
 * handed to them as an AppDatabase. As on SQLite (db/async-database.ts), services never pass a transaction object
 * around on their own: the object routes every statement to the transaction open in the current async context, and
 * everything else to the pool.
 */

type PgDrizzle = NodePgDatabase<typeof pgSchema> & { $client: pg.Pool };
type PgTransaction = Parameters<Parameters<PgDrizzle["transaction"]>[0]>[0];

/** Connections of each pool kept for reads (and the rate limiter), whatever the write transactions do. */
const CONNECTIONS_KEPT_FOR_READS = 2;

/**
 * What the routing object knows about the database behind it. `writers`: write transactions pass this Admission
 * (lib/admission.ts) before they take a connection. A booking waiting for its location's lock holds its connection
 * while it waits, and without a bound a burst at one location would hold every connection of the pool, leaving none
 * for the reads of everyone else.
 */
type PostgresHandle = { root: PgDrizzle; pool: pg.Pool; identity: string; writers: Admission; lockTimeoutMs: number };

/**
 * On globalThis, like the transaction state (db/async-database.ts): Next.js bundles this module more than once, and a
 * database object opened through one copy (getDb) is used through the others.
 */
const shared = globalThis as unknown as { terminvergabePostgresHandles?: WeakMap<object, PostgresHandle> };
const handles = (shared.terminvergabePostgresHandles ??= new WeakMap<object, PostgresHandle>());

/** Settings per process. `max` × processes × instances must stay below the server's `max_connections` (100). */
export type PoolSettings = { max: number; applicationName: string };

export function poolSettingsFrom(source: Record<string, string | undefined>): PoolSettings {
  const max = Number(source.DATABASE_POOL_MAX ?? "10");
  return {
    max: Number.isInteger(max) && max > 0 ? max : 10,
    applicationName: `terminvergabe-${source.TERMINVERGABE_WORKER_ROLE ?? "app"}-${process.pid}`,
  };
}

export function createPool(url: string, settings: PoolSettings = poolSettingsFrom(process.env)): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: settings.max,
    application_name: settings.applicationName,
    // Give up on a full pool or an unreachable server instead of queueing requests forever.
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    // A runaway statement or a transaction left open by a crashed request must not hold its locks for good.
    statement_timeout: 15_000,
    idle_in_transaction_session_timeout: 30_000,
  });
  // An idle connection's error (the server restarted) is otherwise thrown from the pool and ends the process; the
  // next checkout opens a fresh connection.
  pool.on("error", (error) => console.warn(`postgres: idle connection lost (${(error as { code?: string }).code ?? error.name})`));
  return pool;
}

let opened = 0;

/**
 * How long a write transaction waits for its turn in the process (Admission) and then for each of its locks (the
 * write lock, a location, a mailbox) before it gives up and the caller answers "busy, try again in a moment"
 * (db/transaction.ts). Well below `statement_timeout`: a booking in a burst at slot release gets a clear answer
 * instead of a cancelled statement, and its connection goes back to the pool. A normal booking holds a location's lock
 * for milliseconds, so this only ends waits behind a line of hundreds, or behind a transaction that is stuck.
 */
export const DEFAULT_LOCK_TIMEOUT_MS = 5_000;

export type PostgresDatabaseOptions = { lockTimeoutMs?: number };

/** A database object on a pool. It does not migrate: the start does that once, before any worker serves (db/migrate-pg.ts). */
export function openPostgresDatabase(pool: pg.Pool, url: string, { lockTimeoutMs = DEFAULT_LOCK_TIMEOUT_MS }: PostgresDatabaseOptions = {}): AppDatabase {
  const root = drizzle({ client: pool, schema: pgSchema, casing: "snake_case", logger: { logQuery: noteWrite } }) as PgDrizzle;
  opened += 1;
  const poolSize = pool.options.max ?? 10;
  const writers = new Admission(Math.max(1, poolSize - CONNECTIONS_KEPT_FOR_READS), "write slot");
  const handle: PostgresHandle = { root, pool, identity: `${databaseNameOf(url)}#${opened}`, writers, lockTimeoutMs };
  const routed = new Proxy(root, {
    get(target, property) {
      const base = (currentTransaction.getStore()?.postgres as object | undefined) ?? target;
      const value: unknown = Reflect.get(base, property, base);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(base) : value;
    },
  });
  handles.set(routed, handle);
  return routed as unknown as AppDatabase;
}

function databaseNameOf(url: string): string {
  try {
    return `postgres:${new URL(url).host}${new URL(url).pathname}`;
  } catch {
    return "postgres";
  }
}

function handleOf(db: object): PostgresHandle {
  const handle = handles.get(db);
  if (!handle) throw new Error("this database object was not opened through openPostgresDatabase (db/postgres.ts)");
  return handle;
}

/** Identifies the database in cache stamps: caches must never mix two databases in one process (tests open many). */
export function postgresIdentity(db: object): string {
  return handleOf(db).identity;
}

export function postgresPoolOf(db: object): pg.Pool {
  return handleOf(db).pool;
}

/**
 * Every write transaction takes this transaction-scoped advisory lock first, so writes are serialised across all
 * processes and instances exactly as SQLite's `BEGIN IMMEDIATE` serialises them: two bookings never decide on the same
 * stale state. Reads never wait for it. A constant, so an operator can find waiting transactions in `pg_locks`
 * (objid 1416914775, "TvWr" in ASCII); the migration lock is another key (db/migrate-pg.ts).
 *
 * A transaction that names the narrower things it decides on (`locks`, e.g. a booking: its location and the citizen's
 * mailbox) takes the write lock SHARED and then each named lock exclusively, in sorted order: bookings at different
 * locations run side by side, while everything else (catalogue, capacity, staff) still excludes them all.
 */
export const WRITE_LOCK_KEY = 0x54_76_57_72;

/**
 * A lock key goes into the opening as a literal (below), so it is held to the characters our keys use
 * (`location:12`, `mailbox:<base64url>`, `queue:3`); anything else is a programming error, refused before it is sent.
 */
const LOCK_KEY = /^[A-Za-z0-9:_.-]{1,100}$/;

/** The advisory lock for a named key: a 64-bit hash of the name, computed by the server. */
function namedLock(key: string): string {
  if (!LOCK_KEY.test(key)) throw new Error(`unexpected lock key ${JSON.stringify(key)}`);
  return `pg_advisory_xact_lock(hashtextextended(${pg.escapeLiteral(key)}, 0))`;
}

/**
 * How every write transaction opens, in one round trip: one message with three statements, which the server runs in
 * order, each with its own snapshot (READ COMMITTED).
 * 1. BEGIN.
 * 2. The lock timeout for this transaction only (a lock not granted in time ends it with 55P03, which is not
 *    retried), then the write lock, exclusive, or shared with the named locks after it in sorted order, so two
 *    transactions never wait for each other's second key. PostgreSQL evaluates a SELECT's output columns left to
 *    right, so the timeout is set before the first wait and the locks are taken in the order written
 *    (lib/services/booking-busy.test.ts and booking-locks.test.ts rely on both).
 * 3. The change counters, read after the locks are granted, so they include everything that committed before
 *    (readPostgresRevisions keeps them for the transaction).
 * Values in a message of several statements cannot be bound, so they are literals: the timeout is a number, the keys
 * are checked (namedLock). The statements were sent one by one before (BEGIN, locks, counters): three round trips in
 * which a booking's connection waited, the last two while holding its location's lock.
 */
function openingStatements(lockTimeoutMs: number, locks: readonly string[]): string {
  const timeout = `set_config('lock_timeout', '${Math.max(1, Math.round(lockTimeoutMs))}ms', true)`;
  const named = [...new Set(locks)].sort().map(namedLock);
  const locking = named.length === 0 ? `pg_advisory_xact_lock(${WRITE_LOCK_KEY})` : [`pg_advisory_xact_lock_shared(${WRITE_LOCK_KEY})`, ...named].join(", ");
  return `begin isolation level read committed; select ${timeout}, ${locking}; ${REVISIONS_STATEMENT}`;
}

/** SQLSTATEs after which the whole transaction may simply run again: serialization failure, deadlock. */
const RETRYABLE = new Set(["40001", "40P01"]);
const MAX_ATTEMPTS = 5;

/**
 * Bookings at different locations run side by side (`locks`), so two of them can draw the same random reference code
 * (one in about 10^11) and both find it free; the second insert then violates the unique constraint, and running the
 * transaction again draws a new code.
 */
const RETRYABLE_CONSTRAINTS = new Set(["bookings_referenceCode_unique"]);

function postgresErrorOf(error: unknown): { code: string; constraint?: string } | undefined {
  for (let cause: unknown = error; cause && typeof cause === "object"; cause = (cause as { cause?: unknown }).cause) {
    const { code, constraint } = cause as { code?: unknown; constraint?: unknown };
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return { code, constraint: typeof constraint === "string" ? constraint : undefined };
  }
  return undefined;
}

function isRetryable(error: unknown): boolean {
  const found = postgresErrorOf(error);
  if (!found) return false;
  return RETRYABLE.has(found.code) || (found.code === "23505" && RETRYABLE_CONSTRAINTS.has(found.constraint ?? ""));
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * One write transaction on PostgreSQL: READ COMMITTED, the write lock taken before anything is read (so every later
 * statement sees all that committed before), retried on serialization failures and deadlocks. Nested calls join.
 * READ COMMITTED rather than REPEATABLE READ on purpose: a repeatable-read snapshot would be taken by the lock
 * statement itself, before the wait, and the transaction would then not see the booking its predecessor committed.
 */
export async function runPostgresTransaction<T>(db: object, work: () => Promise<T>, locks: readonly string[] = []): Promise<T> {
  if (currentTransaction.getStore()) return work();
  const handle = handleOf(db);
  return await handle.writers.run(handle.lockTimeoutMs, () => runWithRetries(handle, work, locks));
}

async function runWithRetries<T>(handle: PostgresHandle, work: () => Promise<T>, locks: readonly string[]): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    const open: OpenTransaction = { afterCommit: [] };
    try {
      const result = await inTransaction(handle, open, locks, work);
      runAfterCommitHooks(open);
      return result;
    } catch (error) {
      if (!isRetryable(error) || attempt >= MAX_ATTEMPTS) throw error;
      await pause(Math.min(100, 5 * 2 ** attempt) * (0.5 + Math.random() / 2));
    }
  }
}

/**
 * Runs `work` in a transaction on one pooled connection, as drizzle's own `transaction()` does (a session and a
 * transaction object on the lent connection, COMMIT or ROLLBACK, the connection given back), except that it opens
 * with openingStatements in one round trip where drizzle sends BEGIN alone.
 */
async function inTransaction<T>(handle: PostgresHandle, open: OpenTransaction, locks: readonly string[], work: () => Promise<T>): Promise<T> {
  const opening = openingStatements(handle.lockTimeoutMs, locks);
  const client = await handle.pool.connect();
  return committedOrRolledBack(client, (broken) => client.release(broken), async () => {
    const results = (await client.query(opening)) as unknown as pg.QueryResult[];
    open.revisions = Promise.resolve(revisionsFrom(results[2]!.rows as { key: string; value: string }[]));
    open.postgres = transactionOn(handle.root, client);
    return currentTransaction.run(open, work);
  });
}

/**
 * drizzle's transaction object on a lent connection, built from the pool database's session exactly as drizzle's
 * `NodePgSession.transaction()` builds it (its dialect, relational schema and options, which carry our logger,
 * noteWrite). Those fields are private in drizzle's types, so they are checked here: an upgrade that moves them fails
 * every PostgreSQL write at once, in CI, instead of misbehaving.
 */
function transactionOn(root: PgDrizzle, client: pg.PoolClient): PgTransaction {
  const session = root._.session as unknown as { dialect?: PgDialect; schema?: unknown; options?: object };
  if (!session.dialect || !session.schema || !session.options) {
    throw new Error("drizzle's node-postgres session has changed shape (db/postgres.ts, transactionOn)");
  }
  const schema = session.schema as ConstructorParameters<typeof NodePgSession>[2];
  return new NodePgTransaction(session.dialect, new NodePgSession(client, session.dialect, schema, session.options), schema) as unknown as PgTransaction;
}

/**
 * The node-postgres client a statement must run on right now: the connection of the transaction open in the current
 * async context (its statements must see the transaction's writes and locks), otherwise the pool, which lends any
 * idle connection for the one statement.
 */
export function postgresClientOf(db: object): pg.Pool | pg.PoolClient {
  const open = currentTransaction.getStore()?.postgres as { session: { client: pg.PoolClient } } | undefined;
  return open ? open.session.client : handleOf(db).pool;
}

/**
 * The prefix of every statement name the app gives PostgreSQL: a name stands for one SQL text per connection, so it
 * must not collide with anything else that names statements on these connections.
 */
export const STATEMENT_NAME_PREFIX = "tv:";

/**
 * A hand-written statement in array row mode, run where the caller's statements run (postgresClientOf). For reads on
 * hot paths whose rows the query builder would map one by one. With a `name`, node-postgres has the server parse it
 * once per connection and then only binds and executes it; after five runs the server may switch to one generic plan
 * for all values, which suits lookups by key. A statement whose best plan depends on its values (a range that matches
 * a few rows or thousands) is better left unnamed: parsed and planned for its values on every run.
 */
export async function queryPostgresRows<Row extends unknown[]>(db: object, statement: { name?: string; text: string }, values: unknown[]): Promise<Row[]> {
  const name = statement.name === undefined ? undefined : STATEMENT_NAME_PREFIX + statement.name;
  noteWrite(statement.text);
  const result = await postgresClientOf(db).query<Row>({ name, text: statement.text, values, rowMode: "array" });
  return result.rows;
}

/**
 * The change counters (db/schema/data-revisions.ts), read where the caller's statements run. A write transaction
 * reads them with its opening, once its locks are granted (openingStatements), and keeps them: a booking consults five
 * cached lookups (settings, catalogue, location, capacity rules, the mail's texts), and each used to cost a round trip
 * while the booking held its location's lock, 8 of its 18 statements. Kept values cannot miss a change that matters
 * to the transaction: its own writes mark the counters they move (noteWrite), and a lookup of a moved counter reads
 * them all again; whatever else could commit meanwhile is excluded by its locks. Catalogue, rules and settings are written only under the exclusive write lock,
 * which waits for this transaction; bookings elsewhere, which may commit, decide nothing here, and their own
 * location's data is read directly, not from a cache.
 */
export function readPostgresRevisions(db: object, keys: readonly string[]): Promise<Map<string, number>> {
  const open = currentTransaction.getStore();
  if (!open) return readRevisionRows(db);
  const moved = open.movedRevisions ?? [];
  if (keys.some((key) => moved.some((prefix) => key.startsWith(prefix)))) open.revisions = undefined;
  if (!open.revisions) open.movedRevisions = [];
  return (open.revisions ??= readRevisionRows(db));
}

const REVISIONS_STATEMENT = "select key, value from data_revisions";

async function readRevisionRows(db: object): Promise<Map<string, number>> {
  const rows = await queryPostgresRows<[string, string]>(db, { name: "data-revisions", text: REVISIONS_STATEMENT }, []);
  return revisionsFrom(rows.map(([key, value]) => ({ key, value })));
}

/** `value` is a bigint, which node-postgres hands over as text; a counter stays far below 2^53. */
function revisionsFrom(rows: readonly { key: string; value: string }[]): Map<string, number> {
  return new Map(rows.map(({ key, value }) => [key, Number(value)]));
}

const CATALOGUE_TABLES = ["concerns", "concern_categories", "documents", "concern_documents", "document_alternatives", "forms", "concern_forms", "concern_locations", "locations"];
const CAPACITY_TABLES = ["opening_hours", "capacity_windows", "capacity_window_concerns", "walk_in_blocks", "closures", "settings"];

/**
 * The counters a write to each table moves, as its triggers do (db/migrations-pg; db/revisions-transaction.test.ts
 * compares this with the triggers in the database): a key, or a prefix for the counters kept per location. A write to
 * any other table moves none, except to `data_revisions` itself, which may move any.
 */
export const COUNTERS_MOVED_BY_TABLE: Readonly<Record<string, string>> = {
  ...Object.fromEntries(CATALOGUE_TABLES.map((table) => [table, "catalogue"])),
  ...Object.fromEntries(CAPACITY_TABLES.map((table) => [table, "capacity"])),
  bookings: "bookings:",
  queue_entries: "queue:",
};

/**
 * Notes what a statement of a transaction that kept counters writes: every statement the query builder sends passes
 * here (Drizzle's logger hook), and so do the hand-written ones (queryPostgresRows). A booking's own insert moves only
 * its location's `bookings:` counter, so the lookups after it (the e-mail's texts) keep the counters read before.
 */
function noteWrite(text: string): void {
  const open = currentTransaction.getStore();
  if (!open?.revisions || /^\s*select\b/i.test(text)) return;
  const table = /^\s*(?:insert\s+into|update|delete\s+from)\s+"?(\w+)"?/i.exec(text)?.[1]?.toLowerCase();
  if (!table || table === "data_revisions") open.revisions = undefined;
  else if (COUNTERS_MOVED_BY_TABLE[table]) (open.movedRevisions ??= []).push(COUNTERS_MOVED_BY_TABLE[table]);
}

/** Closes the pool (shutdown, end of a test); closing it again does nothing. */
export async function closePostgresDatabase(db: object): Promise<void> {
  const { pool } = handleOf(db);
  if (!pool.ended) await pool.end();
}
