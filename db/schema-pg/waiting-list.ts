import { relations, sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { LANGUAGES, WAITING_LIST_STATUSES } from "@/lib/domain/enums";
import { createdAt, instant, updatedAt } from "./_columns";
import { concerns } from "./concerns";
import { locations } from "./locations";

/**
 * A citizen waiting for a time that frees up (lib/services/waiting-list). Only live entries are kept: one that ends
 * (booked, left, expired, never confirmed) is deleted with its personal data.
 */
export const waitingListEntries = pgTable(
  "waiting_list_entries",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    status: text({ enum: WAITING_LIST_STATUSES }).notNull().default("unconfirmed"),
    citizenName: text().notNull(),
    /** Lower-cased. */
    email: text().notNull(),
    /** The mailbox the address delivers to (lib/domain/mailbox.ts): one entry per mailbox and concern set. */
    mailbox: text().notNull(),
    language: text({ enum: LANGUAGES }).notNull().default("de"),
    /** The concerns with their quantities as a canonical key ("3:1,7:2", sorted by concern id) for the unique index. */
    concernKey: text().notNull(),
    /** The local dates (of each location's own time zone) the citizen can come, inclusive. */
    fromDate: text().notNull(),
    toDate: text().notNull(),
    /** The end of `toDate` in the first location's time zone: the entry expires then. */
    expiresAt: instant().notNull(),
    /** SHA-256 of the token in the confirm and leave links; the token itself is never stored. */
    tokenHash: text().notNull().unique(),
    /** When the e-mail was confirmed: the waiting order (longest waiting first). */
    confirmedAt: instant(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("waiting_list_entries_mailbox_concerns_idx").on(t.mailbox, t.concernKey),
    index("waiting_list_entries_order_idx").on(t.status, t.confirmedAt),
    check("waiting_list_entries_range", sql`${t.fromDate} <= ${t.toDate}`),
  ],
);

export const waitingListItems = pgTable(
  "waiting_list_items",
  {
    entryId: integer()
      .notNull()
      .references(() => waitingListEntries.id, { onDelete: "cascade" }),
    concernId: integer()
      .notNull()
      .references(() => concerns.id, { onDelete: "cascade" }),
    quantity: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.concernId] }), check("waiting_list_items_quantity", sql`${t.quantity} >= 1`)],
);

export const waitingListLocations = pgTable(
  "waiting_list_locations",
  {
    entryId: integer()
      .notNull()
      .references(() => waitingListEntries.id, { onDelete: "cascade" }),
    locationId: integer()
      .notNull()
      .references(() => locations.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.locationId] }), index("waiting_list_locations_location_idx").on(t.locationId)],
);

export const waitingListEntriesRelations = relations(waitingListEntries, ({ many }) => ({
  items: many(waitingListItems),
  locations: many(waitingListLocations),
}));

export const waitingListItemsRelations = relations(waitingListItems, ({ one }) => ({
  entry: one(waitingListEntries, { fields: [waitingListItems.entryId], references: [waitingListEntries.id] }),
  concern: one(concerns, { fields: [waitingListItems.concernId], references: [concerns.id] }),
}));

export const waitingListLocationsRelations = relations(waitingListLocations, ({ one }) => ({
  entry: one(waitingListEntries, { fields: [waitingListLocations.entryId], references: [waitingListEntries.id] }),
  location: one(locations, { fields: [waitingListLocations.locationId], references: [locations.id] }),
}));

export type WaitingListEntry = typeof waitingListEntries.$inferSelect;
