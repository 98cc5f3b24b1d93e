import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { SSO_ACCESS_STATES, STAFF_ROLES } from "@/lib/domain/enums";
import { createdAt, instant, updatedAt } from "./_columns";

export const staffUsers = sqliteTable(
  "staff_users",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    /**
     * Lower-cased. Unique among accounts with a password (the password sign-in looks accounts up by it); an account
     * made by single sign-on may share it with one of those, because identities are never merged by e-mail address.
     */
    email: text().notNull(),
    name: text().notNull(),
    /** Argon2id PHC string; null for an account that signs in only through single sign-on. */
    passwordHash: text(),
    role: text({ enum: STAFF_ROLES }).notNull().default("staff"),
    active: integer({ mode: "boolean" }).notNull().default(true),
    /** Single sign-on identity: the issuer and its `sub` for this person (both set or both null). */
    ssoIssuer: text(),
    ssoSubject: text(),
    /** Null for accounts with a password; see SSO_ACCESS_STATES (lib/domain/enums.ts). */
    ssoAccess: text({ enum: SSO_ACCESS_STATES }),
    lastLoginAt: instant(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("staff_users_sso_identity_unique").on(t.ssoIssuer, t.ssoSubject),
    uniqueIndex("staff_users_local_email_unique").on(t.email).where(sql`sso_subject is null`),
  ],
);

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
