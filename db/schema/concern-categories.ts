import { relations } from "drizzle-orm";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { concerns } from "./concerns";

export const concernCategories = sqliteTable("concern_categories", {
  id: integer().primaryKey({ autoIncrement: true }),
  slug: text().notNull().unique(),
  nameDe: text().notNull(),
  nameEn: text().notNull(),
  position: integer().notNull().default(0),
  /** Shown open on the concerns step (the office's most asked-for categories); the others start folded. */
  openByDefault: integer({ mode: "boolean" }).notNull().default(false),
});

export const concernCategoriesRelations = relations(concernCategories, ({ many }) => ({
  concerns: many(concerns),
}));

export type ConcernCategory = typeof concernCategories.$inferSelect;
