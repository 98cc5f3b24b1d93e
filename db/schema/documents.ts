import { relations, sql } from "drizzle-orm";
import { check, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { concerns } from "./concerns";

/** Things citizens bring. Shared across concerns so the checklist can merge them. */
export const documents = sqliteTable("documents", {
  id: integer().primaryKey({ autoIncrement: true }),
  key: text().notNull().unique(),
  nameDe: text().notNull(),
  nameEn: text().notNull(),
  hintDe: text(),
  hintEn: text(),
});

export const concernDocuments = sqliteTable(
  "concern_documents",
  {
    concernId: integer()
      .notNull()
      .references(() => concerns.id, { onDelete: "cascade" }),
    documentId: integer()
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    /** True: needed once per booked item (2 × Kinderreisepass → 2 photos). False: once per appointment. */
    perItem: integer({ mode: "boolean" }).notNull().default(false),
    count: integer().notNull().default(1),
    position: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.concernId, t.documentId] }), check("concern_documents_count", sql`${t.count} >= 1`)],
);

export const documentsRelations = relations(documents, ({ many }) => ({
  concernDocuments: many(concernDocuments),
}));

export const concernDocumentsRelations = relations(concernDocuments, ({ one }) => ({
  concern: one(concerns, { fields: [concernDocuments.concernId], references: [concerns.id] }),
  document: one(documents, { fields: [concernDocuments.documentId], references: [documents.id] }),
}));

export type DocumentRow = typeof documents.$inferSelect;
export type ConcernDocumentRow = typeof concernDocuments.$inferSelect;
