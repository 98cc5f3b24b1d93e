import { bigint, index, integer, pgTable, text } from "drizzle-orm/pg-core";

/**
 * Request budgets shared by every process on the database (db/schema/rate-limits.ts is the SQLite twin), in the shape
 * rate-limiter-flexible's PostgreSQL store expects: one row per budget and client, its own fixed window ending at
 * `expire` (epoch milliseconds). Keys are keyed hashes, never an address in clear.
 *
 * `expire` is `bigint`: epoch milliseconds (~1.7e12) do not fit PostgreSQL's 32-bit `integer` (SQLite's integers are
 * 64-bit, so the SQLite column is `integer`). Mode "number" keeps the row type `number` in both dialects.
 *
 * UNLOGGED (migration 0002, hand-written, as drizzle cannot say it): the upsert every limited request makes does not
 * wait for a WAL flush. After a database crash or a fail-over the budgets start over once.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text().primaryKey(),
    points: integer().notNull().default(0),
    expire: bigint({ mode: "number" }),
  },
  (t) => [index("rate_limits_expire_idx").on(t.expire)],
);
