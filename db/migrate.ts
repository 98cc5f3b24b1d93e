import type Database from "better-sqlite3";
import { readMigrationFiles } from "drizzle-orm/migrator";
import path from "node:path";

const MIGRATIONS_TABLE = "__drizzle_migrations";

export function migrationsFolder(): string {
  return path.join(process.cwd(), "db", "migrations");
}

/**
 * Applies drizzle-kit's migrations. Unlike drizzle's own migrator, the check for applied migrations happens inside
 * the write lock (BEGIN IMMEDIATE), so two processes starting on one fresh file cannot both apply the same step.
 * Returns the number of migrations applied.
 */
export function applyMigrations(sqlite: Database.Database, folder = migrationsFolder()): number {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  const apply = sqlite.transaction(() => {
    sqlite.exec(
      `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (id INTEGER PRIMARY KEY AUTOINCREMENT, hash text NOT NULL, created_at numeric)`,
    );
    const last = sqlite.prepare(`SELECT created_at FROM "${MIGRATIONS_TABLE}" ORDER BY created_at DESC LIMIT 1`).get() as
      | { created_at: number | string }
      | undefined;
    const lastApplied = last ? Number(last.created_at) : -Infinity;
    const insert = sqlite.prepare(`INSERT INTO "${MIGRATIONS_TABLE}" (hash, created_at) VALUES (?, ?)`);
    let applied = 0;
    for (const migration of migrations) {
      if (migration.folderMillis <= lastApplied) continue;
      for (const statement of migration.sql) {
        if (statement.trim()) sqlite.exec(statement);
      }
      insert.run(migration.hash, migration.folderMillis);
      applied += 1;
    }
    return applied;
  });
  return apply.immediate();
}
