import { readMigrationFiles } from "drizzle-orm/migrator";
import path from "node:path";
import type pg from "pg";
import { committedOrRolledBack } from "./pg-connection";

/** Where drizzle's own PostgreSQL migrator keeps its journal, so `drizzle-kit migrate` and this one agree. */
const MIGRATIONS_SCHEMA = "drizzle";
const MIGRATIONS_TABLE = "__drizzle_migrations";

/**
 * The key of the transaction-scoped advisory lock every migrating instance takes first. A constant (not a hash
 * computed by the server), so an operator can find a waiting instance with `select * from pg_locks where
 * locktype = 'advisory' and objid = 1416914791`; the value spells "TvMg" in ASCII and is used for nothing else.
 */
export const MIGRATION_LOCK_KEY = 0x54_76_4d_67;

export function pgMigrationsFolder(): string {
  return path.join(process.cwd(), "db", "migrations-pg");
}

/**
 * Applies drizzle-kit's PostgreSQL migrations (db/migrations-pg), the twin of db/migrate.ts. drizzle's own migrator
 * reads the last applied migration outside its transaction and takes no lock, so two instances starting together on
 * a fresh database could both apply the same step. Here everything, the journal read included, happens in ONE
 * transaction that first takes `pg_advisory_xact_lock`: a second instance waits, then sees the first one's rows and
 * applies nothing. PostgreSQL's DDL is transactional, so a failing step leaves the database as it was.
 *
 * Applied migrations are recorded as drizzle records them (schema "drizzle", table "__drizzle_migrations": hash and
 * the folder's timestamp). Accepts a pool (a connection is checked out and released) or a connected client.
 * Returns the number of migrations applied.
 */
export async function applyPgMigrations(database: pg.Pool | pg.ClientBase, folder = pgMigrationsFolder()): Promise<number> {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  const isPool = "totalCount" in database;
  const client: pg.ClientBase = isPool ? await (database as pg.Pool).connect() : database;
  const release = (broken?: Error) => (isPool ? (client as pg.PoolClient).release(broken) : undefined);
  return committedOrRolledBack(client, release, async () => {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_KEY]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${MIGRATIONS_SCHEMA}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_SCHEMA}"."${MIGRATIONS_TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at bigint)`,
    );
    const last = await client.query<{ created_at: string }>(
      `SELECT created_at FROM "${MIGRATIONS_SCHEMA}"."${MIGRATIONS_TABLE}" ORDER BY created_at DESC LIMIT 1`,
    );
    // bigint arrives as a string from `pg`; folder timestamps are far below 2^53.
    const lastApplied = last.rows[0] ? Number(last.rows[0].created_at) : -Infinity;
    let applied = 0;
    for (const migration of migrations) {
      if (migration.folderMillis <= lastApplied) continue;
      for (const statement of migration.sql) {
        if (statement.trim()) await client.query(statement);
      }
      await client.query(`INSERT INTO "${MIGRATIONS_SCHEMA}"."${MIGRATIONS_TABLE}" (hash, created_at) VALUES ($1, $2)`, [
        migration.hash,
        migration.folderMillis,
      ]);
      applied += 1;
    }
    return applied;
  });
}
