import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
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
  /** Sessions issued before this instant are void (password reset, deactivation). */
  sessionsValidFrom: instant()
    .notNull()
    .$defaultFn(() => new Date()),
  lastLoginAt: instant(),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Failed sign-ins per key ("account:<email>" or "address:<ip>"), for throttling; never joined to bookings. */
export const loginThrottle = sqliteTable("login_throttle", {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  windowStartedAt: instant().notNull(),
  lockedUntil: instant(),
});

export type StaffUser = typeof staffUsers.$inferSelect;
export type NewStaffUser = typeof staffUsers.$inferInsert;
