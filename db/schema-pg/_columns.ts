import { timestamp } from "drizzle-orm/pg-core";
import { now } from "@/lib/clock";

/**
 * The PostgreSQL twin of db/schema/_columns.ts (same helper names, so the two schema folders differ mostly in their
 * imports). Instants are `timestamptz` with millisecond precision: the SQLite schema stores UTC milliseconds, and a
 * finer precision would let a value read back from PostgreSQL differ from the same value read back from SQLite.
 * Wall-clock times are derived per location time zone, never from the session's TimeZone.
 */
export const instant = () => timestamp({ withTimezone: true, mode: "date", precision: 3 });

export const createdAt = () =>
  instant()
    .notNull()
    .$defaultFn(now);

export const updatedAt = () =>
  instant()
    .notNull()
    .$defaultFn(now)
    .$onUpdateFn(now);
