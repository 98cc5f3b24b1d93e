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
 *
 * Foreign keys are switched off while migrating (SQLite allows that only outside a transaction): drizzle-kit rebuilds a
 * table to change a column (create new, copy, drop old, rename), and with foreign keys on, dropping the old table would
 * cascade into every row that refers to it. The keys are checked before the transaction commits instead.
 */
export function applyMigrations(sqlite: Database.Database, folder = migrationsFolder()): number {
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  const foreignKeysWereOn = sqlite.pragma("foreign_keys", { simple: true }) === 1;
  if (foreignKeysWereOn) sqlite.pragma("foreign_keys = OFF");
  try {
    return migrateInTransaction(sqlite, migrations);
  } finally {
    if (foreignKeysWereOn) sqlite.pragma("foreign_keys = ON");
  }
}

function migrateInTransaction(sqlite: Database.Database, migrations: ReturnType<typeof readMigrationFiles>): number {
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
    const broken = sqlite.pragma("foreign_key_check") as unknown[];
    if (broken.length > 0) throw new Error(`a migration left ${broken.length} row(s) pointing nowhere; nothing was applied`);
    return applied;
  });
  return apply.immediate();
}
