import { relations } from "drizzle-orm";
import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { concerns } from "./concerns";

/** Downloadable forms; `href` is a path under /forms/ or an absolute https URL on the municipality's site. */
export const forms = pgTable("forms", {
  id: integer().primaryKey().generatedByDefaultAsIdentity(),
  key: text().notNull().unique(),
  titleDe: text().notNull(),
  titleEn: text().notNull(),
  href: text().notNull(),
});

export const concernForms = pgTable(
  "concern_forms",
  {
    concernId: integer()
      .notNull()
      .references(() => concerns.id, { onDelete: "cascade" }),
    formId: integer()
      .notNull()
      .references(() => forms.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.concernId, t.formId] })],
);

export const formsRelations = relations(forms, ({ many }) => ({
  concernForms: many(concernForms),
}));

export const concernFormsRelations = relations(concernForms, ({ one }) => ({
  concern: one(concerns, { fields: [concernForms.concernId], references: [concerns.id] }),
  form: one(forms, { fields: [concernForms.formId], references: [forms.id] }),
}));

export type FormRow = typeof forms.$inferSelect;
