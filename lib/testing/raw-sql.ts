import type { SQL } from "drizzle-orm";
import type { AppDatabase } from "@/db/client";
import { isPostgres } from "@/db/engine";

/**
 * Hand-written SQL in tests, as another program (or process) would send it, on either engine: drizzle's `sql`
 * template numbers the parameters for the engine. Counts come back as numbers on both (PostgreSQL's bigint would be
 * a string): the columns named in `numeric` are converted.
 */
export async function rawRows<T extends Record<string, unknown>>(db: AppDatabase, query: SQL, numeric: readonly (keyof T)[] = []): Promise<T[]> {
  const rows = isPostgres
    ? ((await (db as unknown as { execute: (q: SQL) => Promise<{ rows: T[] }> }).execute(query)).rows)
    : db.all<T>(query);
  if (numeric.length === 0) return rows;
  return rows.map((row) => {
    const converted: Record<string, unknown> = { ...row };
    for (const column of numeric) converted[column as string] = row[column] === null ? null : Number(row[column]);
    return converted as T;
  });
}

/** A statement without result rows (an update or delete written by hand). */
export async function rawRun(db: AppDatabase, query: SQL): Promise<void> {
  if (isPostgres) await (db as unknown as { execute: (q: SQL) => Promise<unknown> }).execute(query);
  else db.run(query);
}
