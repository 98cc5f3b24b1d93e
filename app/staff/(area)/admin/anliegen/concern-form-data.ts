import "server-only";
import type { StaffAccess } from "@/lib/auth/staff-access";
import type { Language } from "@/lib/domain/enums";
import { pick } from "@/lib/i18n/server";
import { listCategoriesInOrder } from "@/lib/services/admin/catalogue/categories";
import { listDocumentsWithUsage } from "@/lib/services/admin/catalogue/documents";
import { listFormsWithUsage } from "@/lib/services/admin/catalogue/downloadable-forms";
import { listLocationsForAdmin } from "@/lib/services/admin/locations";

/** The choices both concern pages (new and edit) offer, with names in the admin's language. */
export async function concernFormChoices(access: StaffAccess, language: Language, inactiveNote: string) {
  const documents = await listDocumentsWithUsage(access);
  return {
    documents,
    categories: (await listCategoriesInOrder(access)).map((category) => ({ value: String(category.id), label: pick(category, "name", language) })),
    locations: (await listLocationsForAdmin(access)).map((location) => ({
      value: String(location.id),
      label: location.name,
      note: location.active ? undefined : inactiveNote,
    })),
    documentNames: Object.fromEntries(documents.map((document) => [String(document.id), pick(document, "name", language)])),
    forms: (await listFormsWithUsage(access)).map((form) => ({ value: String(form.id), label: pick(form, "title", language) })),
  };
}
