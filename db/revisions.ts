import type Database from "better-sqlite3";
import type { DbOrTransaction } from "./client";

/** The SQLite handle under a database or transaction object (drizzle keeps it on the session). */
export function sqliteOf(db: DbOrTransaction): Database.Database {
  const withClient = db as unknown as { $client?: Database.Database; session?: { client: Database.Database } };
  return withClient.$client ?? withClient.session!.client;
}

const statements = new WeakMap<Database.Database, Database.Statement>();

/**
 * The current values of the change counters the triggers keep (db/schema/data-revisions.ts), as one string that
 * changes whenever any of them does. Includes the database file, so caches never mix two databases in one process.
 */
export function revisionStamp(db: DbOrTransaction, keys: readonly string[]): string {
  const sqlite = sqliteOf(db);
  let statement = statements.get(sqlite);
  if (!statement) {
    statement = sqlite.prepare("select key, value from data_revisions");
    statements.set(sqlite, statement);
  }
  const values = new Map((statement.all() as { key: string; value: number }[]).map((row) => [row.key, row.value]));
  return `${sqlite.name}|${keys.map((key) => `${key}=${values.get(key) ?? 0}`).join(",")}`;
}

/** A small least-recently-used cache whose entries are valid only for the stamp they were computed under. */
export class StampedCache<V> {
  private readonly entries = new Map<string, { stamp: string; value: V }>();
  constructor(private readonly maxEntries: number) {}

  getOrCompute(key: string, stamp: string, compute: () => V): V {
    const hit = this.entries.get(key);
    if (hit && hit.stamp === stamp) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit.value;
    }
    const value = compute();
    this.entries.delete(key);
    this.entries.set(key, { stamp, value });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return value;
  }
}
