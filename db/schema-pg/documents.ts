import { relations, sql } from "drizzle-orm";
import { check, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { DOCUMENT_SCOPES } from "@/lib/domain/enums";
import { concerns } from "./concerns";

/** Things citizens bring. Shared across concerns so the checklist can merge them. */
export const documents = pgTable("documents", {
  id: integer().primaryKey().generatedByDefaultAsIdentity(),
  key: text().notNull().unique(),
  nameDe: text().notNull(),
  nameEn: text().notNull(),
  hintDe: text(),
  hintEn: text(),
});

export const concernDocuments = pgTable(
  "concern_documents",
  {
    concernId: integer()
      .notNull()
      .references(() => concerns.id, { onDelete: "cascade" }),
    documentId: integer()
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    /** Per person the concern is for, per application, or once per visit (lib/domain/enums.ts DOCUMENT_SCOPES). */
    scope: text({ enum: DOCUMENT_SCOPES }).notNull().default("once_per_visit"),
    count: integer().notNull().default(1),
    /** Null: always needed. Otherwise "only if …", in both languages (both set or both null). */
    conditionDe: text(),
    conditionEn: text(),
    position: integer().notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.concernId, t.documentId] }),
    check("concern_documents_count", sql`${t.count} >= 1`),
    check("concern_documents_scope", sql`${t.scope} in (${sql.raw(DOCUMENT_SCOPES.map((scope) => `'${scope}'`).join(", "))})`),
    check("concern_documents_condition", sql`(${t.conditionDe} is null) = (${t.conditionEn} is null)`),
  ],
);

/**
 * "Document is also satisfied by alternative": when both are on one checklist, only the alternative is listed (a
 * valid ID card or passport is satisfied by the previous ID document an ID card application asks for anyway).
 */
export const documentAlternatives = pgTable(
  "document_alternatives",
  {
    documentId: integer()
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
    alternativeId: integer()
      .notNull()
      .references(() => documents.id, { onDelete: "cascade" }),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.alternativeId] }),
    check("document_alternatives_distinct", sql`${t.documentId} <> ${t.alternativeId}`),
  ],
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
