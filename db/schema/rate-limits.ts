import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Request budgets shared by every process on the database, kept by rate-limiter-flexible's SQLite store
 * (lib/services/rate-limit.ts) in exactly the shape it expects: one row per budget and client, its own fixed window
 * ending at `expire` (epoch milliseconds). Keys are keyed hashes, never an address in clear.
 */
export const rateLimits = sqliteTable(
  "rate_limits",
  {
    key: text().primaryKey(),
    points: integer().notNull().default(0),
    expire: integer(),
  },
  (t) => [index("rate_limits_expire_idx").on(t.expire)],
);
