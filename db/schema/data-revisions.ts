import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Change counters kept by database triggers (see the migration "data_revisions"): "catalogue" for concerns, documents,
 * forms and locations, "capacity" for opening hours, windows, walk-in blocks, closures and settings, and
 * "bookings:<locationId>" per location, and "queue:<locationId>" for the hall's queue (the live pages wait on it).
 * Per-process caches compare them, so a change made by any process, or by hand in SQL, is seen at once.
 */
export const dataRevisions = sqliteTable("data_revisions", {
  key: text().primaryKey(),
  value: integer().notNull().default(0),
});
