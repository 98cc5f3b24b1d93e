import { relations, sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { DEFAULT_TIME_ZONE } from "@/lib/domain/enums";
import { createdAt, updatedAt } from "./_columns";
import { concernLocations } from "./concern-locations";

export const locations = sqliteTable("locations", {
  id: integer().primaryKey({ autoIncrement: true }),
  slug: text().notNull().unique(),
  name: text().notNull(),
  street: text().notNull(),
  postalCode: text().notNull(),
  city: text().notNull(),
  /** IANA zone (lib/domain/enums.ts LOCATION_TIME_ZONES); every local date and time of this location is read in it. */
  timeZone: text().notNull().default(DEFAULT_TIME_ZONE),
  /** Two-letter federal state code; decides the public holidays. */
  federalState: text().notNull(),
  phone: text().notNull(),
  email: text().notNull(),
  /** How to get there, step-free access, parking: shown to citizens. */
  directionsDe: text(),
  directionsEn: text(),
  active: integer({ mode: "boolean" }).notNull().default(true),
  /** Walk-in tickets the kiosk hands out per day during open-door hours (walk-in blocks); 0: no tickets. */
  walkInTicketsPerDay: integer().notNull().default(0),
  /** "Call next" serves a checked-in appointment first from this many minutes before its time (walk-ins otherwise). */
  appointmentPriorityMinutes: integer().notNull().default(10),
  /** Part of every kiosk device key for this location; raising it signs out all its kiosks (a lost tablet). */
  kioskGeneration: integer().notNull().default(1),
  /** Set once an administrator set up a kiosk here: confirmations then tell citizens to check in there. */
  kioskInUse: integer({ mode: "boolean" }).notNull().default(false),
  /** Reminder e-mails before appointments here (lib/services/reminders.ts); staff switch them off per location. */
  remindersEnabled: integer({ mode: "boolean" }).notNull().default(true),
  /** The reminder goes this many calendar days before the appointment's date … */
  reminderDaysBefore: integer().notNull().default(2),
  /** … at this full hour of the location's local time (a civil hour, not at night). */
  reminderHour: integer().notNull().default(9),
  position: integer().notNull().default(0),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** Door opening hours per ISO weekday (1 = Monday); several ranges a day, e.g. 08:00–12:00 and 14:00–18:00. */
export const openingHours = sqliteTable(
  "opening_hours",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    locationId: integer()
      .notNull()
      .references(() => locations.id, { onDelete: "cascade" }),
    weekday: integer().notNull(),
    startMinute: integer().notNull(),
    endMinute: integer().notNull(),
  },
  (t) => [
    index("opening_hours_location_idx").on(t.locationId, t.weekday),
    check("opening_hours_weekday", sql`${t.weekday} between 1 and 7`),
    check("opening_hours_range", sql`${t.startMinute} >= 0 and ${t.endMinute} <= 1440 and ${t.startMinute} < ${t.endMinute}`),
  ],
);

export const locationsRelations = relations(locations, ({ many }) => ({
  openingHours: many(openingHours),
  concernLocations: many(concernLocations),
}));

export const openingHoursRelations = relations(openingHours, ({ one }) => ({
  location: one(locations, { fields: [openingHours.locationId], references: [locations.id] }),
}));

export type Location = typeof locations.$inferSelect;
export type NewLocation = typeof locations.$inferInsert;
export type OpeningHoursRow = typeof openingHours.$inferSelect;
