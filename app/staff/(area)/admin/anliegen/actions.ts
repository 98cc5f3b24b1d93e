"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { staffAction } from "@/lib/actions/staff-action";
import { createCategory, moveCategory, updateCategory } from "@/lib/services/admin/catalogue/categories";
import { createConcern, updateConcern } from "@/lib/services/admin/catalogue/concerns";
import { createDocument, deleteDocument, updateDocument } from "@/lib/services/admin/catalogue/documents";
import { createForm, deleteForm, updateForm } from "@/lib/services/admin/catalogue/downloadable-forms";
import {
  categorySchema,
  concernSchema,
  documentSchema,
  formSchema,
  fromFormData,
  moveSchema,
  recordIdSchema,
  unflattenFormData,
  withRecordId,
  type CategoryInput,
  type ConcernInput,
  type DocumentInput,
  type FormInput,
} from "@/lib/validation/admin-catalogue";

/*
 * Admin-only actions for the concern catalogue. staffAction checks the session and the admin role on every call and
 * parses the post for quick field errors; the service then validates the same input again (it is the authority, also
 * for other callers) and writes in one transaction with its audit entry. The acting admin comes from the session.
 * Each success redirects, so a reload never posts twice.
 */

const CONCERNS = "/staff/admin/anliegen";
const CATEGORIES = `${CONCERNS}/kategorien`;
const DOCUMENTS = `${CONCERNS}/unterlagen`;
const FORMS = `${CONCERNS}/formulare`;

/** The posted form in the nested shape the schemas read, without the record id (that goes separately). */
function posted<T>(raw: Record<string, string | string[]>): T {
  const { id: _id, ...fields } = unflattenFormData(raw);
  return fields as T;
}

function done(path: string, notice: "angelegt" | "gespeichert" | "geloescht" | "verschoben"): never {
  // Clears the router cache of the catalogue pages, so lists show the change after the redirect.
  revalidatePath(CONCERNS, "layout");
  redirect(`${path}?hinweis=${notice}`);
}

export const createConcernAction = staffAction("admin", fromFormData(concernSchema), async (_input, access, raw) => {
  await createConcern(access, posted<ConcernInput>(raw));
  done(CONCERNS, "angelegt");
});

export const updateConcernAction = staffAction("admin", withRecordId(concernSchema), async (input, access, raw) => {
  await updateConcern(access, input.id, posted<ConcernInput>(raw));
  done(CONCERNS, "gespeichert");
});

export const createCategoryAction = staffAction("admin", fromFormData(categorySchema), async (_input, access, raw) => {
  await createCategory(access, posted<CategoryInput>(raw));
  done(CATEGORIES, "angelegt");
});

export const updateCategoryAction = staffAction("admin", withRecordId(categorySchema), async (input, access, raw) => {
  await updateCategory(access, input.id, posted<CategoryInput>(raw));
  done(CATEGORIES, "gespeichert");
});

export const moveCategoryAction = staffAction("admin", moveSchema, async (input, access) => {
  await moveCategory(access, input.id, input.direction);
  done(CATEGORIES, "verschoben");
});

export const createDocumentAction = staffAction("admin", fromFormData(documentSchema), async (_input, access, raw) => {
  await createDocument(access, posted<DocumentInput>(raw));
  done(DOCUMENTS, "angelegt");
});

export const updateDocumentAction = staffAction("admin", withRecordId(documentSchema), async (input, access, raw) => {
  await updateDocument(access, input.id, posted<DocumentInput>(raw));
  done(DOCUMENTS, "gespeichert");
});

export const deleteDocumentAction = staffAction("admin", recordIdSchema, async (input, access) => {
  await deleteDocument(access, input.id);
  done(DOCUMENTS, "geloescht");
});

export const createFormAction = staffAction("admin", fromFormData(formSchema), async (_input, access, raw) => {
  await createForm(access, posted<FormInput>(raw));
  done(FORMS, "angelegt");
});

export const updateFormAction = staffAction("admin", withRecordId(formSchema), async (input, access, raw) => {
  await updateForm(access, input.id, posted<FormInput>(raw));
  done(FORMS, "gespeichert");
});

export const deleteFormAction = staffAction("admin", recordIdSchema, async (input, access) => {
  await deleteForm(access, input.id);
  done(FORMS, "geloescht");
});
