import { relations, sql } from "drizzle-orm";
import { boolean, check, integer, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "./_columns";
import { concernCategories } from "./concern-categories";
import { concernDocuments } from "./documents";
import { concernForms } from "./forms";
import { concernLocations } from "./concern-locations";

export const concerns = pgTable(
  "concerns",
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    slug: text().notNull().unique(),
    categoryId: integer()
      .notNull()
      .references(() => concernCategories.id),
    nameDe: text().notNull(),
    nameEn: text().notNull(),
    descriptionDe: text().notNull(),
    descriptionEn: text().notNull(),
    /** Counter time for one item. A change applies to new bookings only: bookings keep their own end and item snapshot. */
    durationMinutes: integer().notNull(),
    /** Fee in euro cents; null means free of charge. */
    feeCents: integer(),
    feeNoteDe: text(),
    feeNoteEn: text(),
    maxQuantity: integer().notNull().default(1),
    /** Federal service catalogue (Leistungskatalog) key, where known. */
    leikaKey: text(),
    active: boolean().notNull().default(true),
    /** Taken over from the sample catalogue at setup: shown as "to review" until an admin has saved it once. */
    reviewPending: boolean().notNull().default(false),
    position: integer().notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check("concerns_duration", sql`${t.durationMinutes} between 1 and 480`),
    check("concerns_max_quantity", sql`${t.maxQuantity} between 1 and 20`),
    check("concerns_fee", sql`${t.feeCents} is null or ${t.feeCents} >= 0`),
  ],
);

export const concernsRelations = relations(concerns, ({ one, many }) => ({
  category: one(concernCategories, { fields: [concerns.categoryId], references: [concernCategories.id] }),
  documents: many(concernDocuments),
  forms: many(concernForms),
  locations: many(concernLocations),
}));

export type Concern = typeof concerns.$inferSelect;
export type NewConcern = typeof concerns.$inferInsert;
