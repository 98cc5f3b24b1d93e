import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CatalogueNav } from "@/components/admin/catalogue/catalogue-nav";
import { ConcernForm } from "@/components/admin/catalogue/concern-form";
import { parseRecordId } from "@/components/admin/catalogue/page-helpers";
import { requireStaffPage, staffAccessWithRole } from "@/lib/auth/staff";
import { getLanguage, pick } from "@/lib/i18n/server";
import { concernFormValues, findConcernEntry } from "@/lib/services/admin/catalogue/concerns";
import { updateConcernAction } from "../actions";
import { concernFormChoices } from "../concern-form-data";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props) {
  const [{ id }, t, language] = await Promise.all([params, getTranslations("adminCatalogue.concerns"), getLanguage()]);
  const parsed = parseRecordId(id);
  // Only an admin gets a title naming the record (an inactive concern's name is not public), everyone else a generic one.
  const access = parsed === null ? null : await staffAccessWithRole("admin");
  const entry = access && parsed !== null ? await findConcernEntry(access, parsed) : undefined;
  return { title: entry ? t("editTitle", { name: pick(entry, "name", language) }) : t("title") };
}

export default async function EditConcernPage({ params }: Props) {
  const { id } = await params;
  const access = await requireStaffPage("admin");
  const parsed = parseRecordId(id);
    const entry = parsed === null ? undefined : await findConcernEntry(access, parsed);
  if (!entry) notFound();
  const [t, language] = await Promise.all([getTranslations("adminCatalogue.concerns"), getLanguage()]);
  const choices = await concernFormChoices(access, language, t("fields.locationInactive"));
  return (
    <>
      <CatalogueNav current="concerns" />
      <Link className="back-link" href="/staff/admin/anliegen">
        {t("backToList")}
      </Link>
      <h1>{t("editTitle", { name: pick(entry, "name", language) })}</h1>
      <ConcernForm
        action={updateConcernAction}
        defaults={concernFormValues(entry, choices.documents, language)}
        recordId={entry.id}
        categories={choices.categories}
        locations={choices.locations}
        documentNames={choices.documentNames}
        forms={choices.forms}
        submitLabel={t("submitEdit")}
        cancelHref="/staff/admin/anliegen"
        cancelLabel={t("backToList")}
      />
    </>
  );
}
