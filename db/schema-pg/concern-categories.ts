import { relations } from "drizzle-orm";
import { boolean, integer, pgTable, text } from "drizzle-orm/pg-core";
import { concerns } from "./concerns";

export const concernCategories = pgTable("concern_categories", {
  id: integer().primaryKey().generatedByDefaultAsIdentity(),
  slug: text().notNull().unique(),
  nameDe: text().notNull(),
  nameEn: text().notNull(),
  position: integer().notNull().default(0),
  /** Shown open on the concerns step (the office's most asked-for categories); the others start folded. */
  openByDefault: boolean().notNull().default(false),
});

export const concernCategoriesRelations = relations(concernCategories, ({ many }) => ({
  concerns: many(concerns),
}));

export type ConcernCategory = typeof concernCategories.$inferSelect;
