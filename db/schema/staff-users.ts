import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { STAFF_ROLES } from "@/lib/domain/enums";
import { createdAt, instant, updatedAt } from "./_columns";

export const staffUsers = sqliteTable("staff_users", {
  id: integer().primaryKey({ autoIncrement: true }),
  /** Lower-cased. */
  email: text().notNull().unique(),
  name: text().notNull(),
  /** Argon2id PHC string. */
  passwordHash: text().notNull(),
  role: text({ enum: STAFF_ROLES }).notNull().default("staff"),
  active: integer({ mode: "boolean" }).notNull().default(true),
  lastLoginAt: instant(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/**
 * Server-side record of each sign-in, referenced from the session cookie. It makes sessions revocable (sign-out,
 * deactivation, password reset delete the row) and lets the idle timeout work without rewriting cookies.
 */
export const staffSessions = sqliteTable("staff_sessions", {
  id: text().primaryKey(),
  userId: integer()
    .notNull()
    .references(() => staffUsers.id, { onDelete: "cascade" }),
  createdAt: instant().notNull(),
  lastSeenAt: instant().notNull(),
});

/**
 * Failed sign-ins for throttling (lib/auth/throttle.ts): one row per (account, client address) pair and one per client
 * address. The key is a keyed hash (HMAC with the server secret), so the table holds neither e-mail nor client
 * addresses and cannot be reversed by hashing all IPv4 addresses. How long to wait follows from `failures` and
 * `lastFailureAt` under the current rules, so retuning the numbers needs no migration.
 */
export const loginThrottle = sqliteTable(
  "login_throttle",
  {
    key: text().primaryKey(),
    failures: integer().notNull(),
    lastFailureAt: instant().notNull(),
  },
  // Forgotten rows are deleted by age.
  (t) => [index("login_throttle_last_failure_idx").on(t.lastFailureAt)],
);

export type StaffUser = typeof staffUsers.$inferSelect;
export type StaffSession = typeof staffSessions.$inferSelect;
export type NewStaffUser = typeof staffUsers.$inferInsert;
