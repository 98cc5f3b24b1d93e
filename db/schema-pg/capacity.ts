import { relations, sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { createdAt, instant, updatedAt } from "./_columns";
import { concerns } from "./concerns";
import { locations } from "./locations";

/*
 * Recurring rules share one shape: an optional ISO weekday and an optional date range (local dates, inclusive)
 * select the days; start and end minute select the wall-clock time on those days.
 */

/** How many counters serve in parallel: some bookable online, some kept for staff and phone bookings. */
export const capacityWindows = pgTable(
  "capacity_windows",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    locationId: integer()
      .notNull()
      .references(() => locations.id, { onDelete: "cascade" }),
    weekday: integer(),
    validFrom: text(),
    validUntil: text(),
    startMinute: integer().notNull(),
    endMinute: integer().notNull(),
    onlineCounters: integer().notNull(),
    staffCounters: integer().notNull().default(0),
    note: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("capacity_windows_location_idx").on(t.locationId),
    check("capacity_windows_weekday", sql`${t.weekday} is null or ${t.weekday} between 1 and 7`),
    check("capacity_windows_range", sql`${t.startMinute} >= 0 and ${t.endMinute} <= 1440 and ${t.startMinute} < ${t.endMinute}`),
    check("capacity_windows_counters", sql`${t.onlineCounters} >= 0 and ${t.staffCounters} >= 0`),
  ],
);

/** When present, a window serves only these concerns (e.g. a vehicle registration counter). */
export const capacityWindowConcerns = pgTable(
  "capacity_window_concerns",
  {
    windowId: integer()
      .notNull()
      .references(() => capacityWindows.id, { onDelete: "cascade" }),
    concernId: integer()
      .notNull()
      .references(() => concerns.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.windowId, t.concernId] })],
);

/** Open door (offene Tür): counters reserved for walk-ins, which online booking must not consume. */
export const walkInBlocks = pgTable(
  "walk_in_blocks",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    locationId: integer()
      .notNull()
      .references(() => locations.id, { onDelete: "cascade" }),
    weekday: integer(),
    validFrom: text(),
    validUntil: text(),
    startMinute: integer().notNull(),
    endMinute: integer().notNull(),
    counters: integer().notNull(),
    note: text(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("walk_in_blocks_location_idx").on(t.locationId),
    check("walk_in_blocks_weekday", sql`${t.weekday} is null or ${t.weekday} between 1 and 7`),
    check("walk_in_blocks_range", sql`${t.startMinute} >= 0 and ${t.endMinute} <= 1440 and ${t.startMinute} < ${t.endMinute}`),
    check("walk_in_blocks_counters", sql`${t.counters} >= 1`),
  ],
);

/** Days or ranges when a location (or, with no location, every location) takes no appointments. */
export const closures = pgTable(
  "closures",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    locationId: integer().references(() => locations.id, { onDelete: "cascade" }),
    startsAt: instant().notNull(),
    endsAt: instant().notNull(),
    /** Internal reason; citizens see only that the office is closed. */
    reason: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("closures_range_idx").on(t.startsAt, t.endsAt), check("closures_range", sql`${t.startsAt} < ${t.endsAt}`)],
);

export const capacityWindowsRelations = relations(capacityWindows, ({ one, many }) => ({
  location: one(locations, { fields: [capacityWindows.locationId], references: [locations.id] }),
  concerns: many(capacityWindowConcerns),
}));

export const capacityWindowConcernsRelations = relations(capacityWindowConcerns, ({ one }) => ({
  window: one(capacityWindows, { fields: [capacityWindowConcerns.windowId], references: [capacityWindows.id] }),
  concern: one(concerns, { fields: [capacityWindowConcerns.concernId], references: [concerns.id] }),
}));

export const walkInBlocksRelations = relations(walkInBlocks, ({ one }) => ({
  location: one(locations, { fields: [walkInBlocks.locationId], references: [locations.id] }),
}));

export const closuresRelations = relations(closures, ({ one }) => ({
  location: one(locations, { fields: [closures.locationId], references: [locations.id] }),
}));

export type CapacityWindowRow = typeof capacityWindows.$inferSelect;
export type WalkInBlockRow = typeof walkInBlocks.$inferSelect;
export type ClosureRow = typeof closures.$inferSelect;
