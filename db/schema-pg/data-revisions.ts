import { bigint, pgTable, text } from "drizzle-orm/pg-core";

/**
 * Change counters kept by database triggers (db/schema/data-revisions.ts is the SQLite twin; the PL/pgSQL triggers
 * are hand-written at the end of db/migrations-pg/0000_initial.sql): "catalogue", "capacity", "bookings:<locationId>"
 * and "queue:<locationId>". Per-process caches compare them, so a change made by any instance is seen at once.
 *
 * `value` is `bigint` because a counter only ever grows and SQLite's integer is 64-bit: PostgreSQL's 32-bit `integer`
 * would overflow (and make every booking fail in its trigger) after ~2.1 billion changes. Mode "number" keeps the row
 * type `number` in both dialects (exact up to 2^53).
 */
export const dataRevisions = pgTable("data_revisions", {
  key: text().primaryKey(),
  value: bigint({ mode: "number" }).notNull().default(0),
});
