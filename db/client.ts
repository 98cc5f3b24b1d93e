import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { getEnv } from "@/lib/env";
import { applyMigrations } from "./migrate";
import * as schema from "./schema";

export type AppDatabase = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
/** A transaction handle; services accept it so several steps can share one transaction. */
export type DbTransaction = Parameters<Parameters<AppDatabase["transaction"]>[0]>[0];
export type DbOrTransaction = AppDatabase | DbTransaction;

/** Waiting for another process's write lock is normal under load; give up only after this long. */
const BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens a database file with the pragmas every connection needs and applies pending migrations.
 * Creates the directory itself: `next build` imports route modules before any data directory exists.
 */
export function openDatabase(databasePath: string, options: { migrate?: boolean } = {}): AppDatabase {
  mkdirSync(path.dirname(databasePath), { recursive: true });
  const sqlite = new Database(databasePath, { timeout: BUSY_TIMEOUT_MS });
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("synchronous = NORMAL");
  if (options.migrate !== false) applyMigrations(sqlite);
  return drizzle({ client: sqlite, schema, casing: "snake_case" }) as AppDatabase;
}

const globalForDb = globalThis as unknown as { terminvergabeDb?: AppDatabase; terminvergabeDbPath?: string };

/** The app's shared connection (one per process; kept on globalThis so dev reloads do not leak handles). */
export function getDb(): AppDatabase {
  const { databasePath } = getEnv();
  if (!globalForDb.terminvergabeDb || globalForDb.terminvergabeDbPath !== databasePath) {
    globalForDb.terminvergabeDb = openDatabase(databasePath);
    globalForDb.terminvergabeDbPath = databasePath;
  }
  return globalForDb.terminvergabeDb;
}
