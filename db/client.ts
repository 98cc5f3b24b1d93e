import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { chmodSync, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { getEnv, type AppEnv } from "@/lib/env";
import { routedClient, runExclusive } from "./async-database";
import { isPostgres } from "./engine";
import { applyMigrations } from "./migrate";
import { applyPgMigrations } from "./migrate-pg";
import { closePostgresDatabase, createPool, openPostgresDatabase } from "./postgres";
import * as schema from "./schema/sqlite";

/**
 * The database services use. Typed as the SQLite flavour; on PostgreSQL (db/engine.ts) it is a node-postgres database
 * with the same query builder methods (db/postgres.ts). `$client` is the SQLite connection only on SQLite.
 */
export type AppDatabase = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/**
 * A transaction handle: the same database object, used inside `inWriteTransaction` (db/transaction.ts), where its
 * statements run on the writer inside the open transaction. Services accept it so several steps share one transaction.
 */
export type DbTransaction = AppDatabase;
export type DbOrTransaction = AppDatabase;

/** Waiting for another process's write lock is normal under load; give up only after this long. */
const BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens a database file with the pragmas every connection needs and applies pending migrations.
 * Creates the directory itself: `next build` imports route modules before any data directory exists.
 * `busyTimeoutMs`: how long a write waits for another process's lock before it answers "busy" (a test's short wait).
 */
export function openDatabase(databasePath: string, options: { migrate?: boolean; busyTimeoutMs?: number } = {}): AppDatabase {
  mkdirSync(path.dirname(databasePath), { recursive: true });
  const isNew = !existsSync(databasePath);
  const sqlite = new Database(databasePath, { timeout: options.busyTimeoutMs ?? BUSY_TIMEOUT_MS });
  // It holds citizens' personal data: readable by the app's user only (SQLite gives its -wal and -shm the same mode).
  if (isNew) chmodSync(databasePath, 0o600);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  // Erasing personal data (retention, a citizen's self-deletion, a sent mail's body with its manage link) must remove
  // the bytes, not only the row: by default SQLite merely unlinks deleted cells and freed pages, and they stay readable
  // in the file (`strings app.db`) until reused. ON zeroes them, including the old value left behind by an UPDATE,
  // index entries and freed overflow pages (FAST would leave the overflow pages). Per connection, so set it here.
  sqlite.pragma("secure_delete = ON");
  if (options.migrate !== false) applyMigrations(sqlite);
  // Everything outside a running transaction reads here (db/async-database.ts); it never writes.
  const reader = new Database(databasePath, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  return drizzle({ client: routedClient(sqlite, reader), schema, casing: "snake_case" }) as AppDatabase;
}

/**
 * How long a checkpoint may wait for other connections. It runs on the request's thread right after an erasure, so it
 * must not inherit BUSY_TIMEOUT_MS: a reader in another process would freeze this one for ten seconds.
 */
const CHECKPOINT_BUSY_TIMEOUT_MS = 200;

/** Connections whose last erasure could not be checkpointed; the retention job retries them. */
const erasureCheckpointPending = new WeakSet<Database.Database>();

/**
 * In WAL mode a committed erasure is only a newer page image appended to the -wal file: the frames holding the old
 * name, address or manage link stay there (and go back into the database file only as zeroed pages) until the WAL
 * is checkpointed and truncated. Call this after the erasing transaction has committed.
 *
 * Never throws: the erasure itself has succeeded, and a connection in another process holding an older read snapshot
 * legitimately keeps the WAL busy. Returns whether the WAL was emptied; if not, `isErasureCheckpointPending` tells
 * the hourly retention job to try again.
 */
export function checkpointAfterErasure(db: AppDatabase): boolean {
  const sqlite = db.$client;
  try {
    sqlite.pragma(`busy_timeout = ${CHECKPOINT_BUSY_TIMEOUT_MS}`);
    const [result] = sqlite.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
    const isComplete = result?.busy === 0;
    if (isComplete) erasureCheckpointPending.delete(sqlite);
    else erasureCheckpointPending.add(sqlite);
    return isComplete;
  } catch (error) {
    // For example SQLITE_LOCKED when called inside a transaction. The code only: messages may quote SQL.
    erasureCheckpointPending.add(sqlite);
    const code = error instanceof Error && "code" in error ? String(error.code) : "unknown";
    console.warn(`checkpoint after erasure failed: ${code}`);
    return false;
  } finally {
    try {
      sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    } catch {
      // A closed connection has no timeout to restore.
    }
  }
}

/**
 * The checkpoint after an erasure, run between this process's transactions (runExclusive): on the writer connection
 * inside another request's open transaction it could only fail and wait for the hourly retry.
 */
export function checkpointBetweenTransactions(db: AppDatabase): Promise<boolean> {
  // PostgreSQL has no such step: see README "PostgreSQL" on what erasure means there.
  if (isPostgres) return Promise.resolve(true);
  return runExclusive(db.$client, () => checkpointAfterErasure(db));
}

/** Whether an earlier erasure on this connection still waits for its checkpoint. */
export function isErasureCheckpointPending(db: AppDatabase): boolean {
  if (isPostgres) return false;
  return erasureCheckpointPending.has(db.$client);
}

/** Where the app's data lives: the PostgreSQL URL when one is configured, else the SQLite file (db/engine.ts). */
function databaseKey(env: Pick<AppEnv, "databasePath" | "databaseUrl">): string {
  return env.databaseUrl ?? env.databasePath;
}

/** A database object for the configured engine. SQLite migrates on opening; PostgreSQL must be migrated before. */
export function openAppDatabase(env: Pick<AppEnv, "databasePath" | "databaseUrl">): AppDatabase {
  if (env.databaseUrl) return openPostgresDatabase(createPool(env.databaseUrl), env.databaseUrl);
  return openDatabase(env.databasePath);
}

/** Applies pending migrations for the configured engine, once, at start (lib/http/server.ts) or by `npm run db:migrate`. */
export async function migrateAppDatabase(env: Pick<AppEnv, "databasePath" | "databaseUrl">): Promise<number> {
  if (!env.databaseUrl) {
    const db = openDatabase(env.databasePath, { migrate: false });
    try {
      return applyMigrations(db.$client);
    } finally {
      db.$client.close();
    }
  }
  const pool = createPool(env.databaseUrl, { max: 1, applicationName: "terminvergabe-migrate" });
  try {
    return await applyPgMigrations(pool);
  } finally {
    await pool.end();
  }
}

/** Closes a database object of either engine (CLIs, tests). */
export async function closeAppDatabase(db: AppDatabase): Promise<void> {
  if (isPostgres) await closePostgresDatabase(db);
  else db.$client.close();
}

const globalForDb = globalThis as unknown as { terminvergabeDb?: AppDatabase; terminvergabeDbKey?: string };

/** The app's shared connection (one per process; kept on globalThis so dev reloads do not leak handles). */
export function getDb(): AppDatabase {
  const env = getEnv();
  if (!globalForDb.terminvergabeDb || globalForDb.terminvergabeDbKey !== databaseKey(env)) {
    globalForDb.terminvergabeDb = openAppDatabase(env);
    globalForDb.terminvergabeDbKey = databaseKey(env);
  }
  return globalForDb.terminvergabeDb;
}

/** A checkpoint at shutdown may wait a little for another process's reader; the stop deadline must still hold. */
const SHUTDOWN_CHECKPOINT_BUSY_TIMEOUT_MS = 2_000;

/**
 * At shutdown (lib/http/server.ts): folds the WAL into the database file and empties it, then closes the app's
 * connection, so the file alone is complete for a copy or backup taken after the stop. Returns whether the WAL was
 * emptied (a reader in another process can keep it busy; SQLite then folds it in later). Never throws for the
 * checkpoint. On PostgreSQL it closes the pool. A later getDb() opens a new connection.
 */
export async function closeDatabase(): Promise<boolean> {
  const db = globalForDb.terminvergabeDb;
  if (!db) return true;
  globalForDb.terminvergabeDb = undefined;
  globalForDb.terminvergabeDbKey = undefined;
  if (isPostgres) {
    await closePostgresDatabase(db);
    return true;
  }
  const sqlite = db.$client;
  try {
    sqlite.pragma(`busy_timeout = ${SHUTDOWN_CHECKPOINT_BUSY_TIMEOUT_MS}`);
    const [result] = sqlite.pragma("wal_checkpoint(TRUNCATE)") as { busy: number }[];
    return result?.busy === 0;
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : "unknown";
    console.warn(`checkpoint at shutdown failed: ${code}`);
    return false;
  } finally {
    sqlite.close();
  }
}
