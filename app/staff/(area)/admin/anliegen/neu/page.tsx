import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { CatalogueNav } from "@/components/admin/catalogue/catalogue-nav";
import { ConcernForm } from "@/components/admin/catalogue/concern-form";
import { requireStaffPage } from "@/lib/auth/staff";
import { getLanguage } from "@/lib/i18n/server";
import { concernFormValues } from "@/lib/services/admin/catalogue/concerns";
import { createConcernAction } from "../actions";
import { concernFormChoices } from "../concern-form-data";

export async function generateMetadata() {
  const t = await getTranslations("adminCatalogue.concerns");
  return { title: t("newTitle") };
}

export default async function NewConcernPage() {
  const access = await requireStaffPage("admin");
  const [t, language] = await Promise.all([getTranslations("adminCatalogue.concerns"), getLanguage()]);
  const choices = await concernFormChoices(access, language, t("fields.locationInactive"));
  return (
    <>
      <CatalogueNav current="concerns" />
      <Link className="back-link" href="/staff/admin/anliegen">
        {t("backToList")}
      </Link>
      <h1>{t("newTitle")}</h1>
      <ConcernForm
        action={createConcernAction}
        defaults={concernFormValues(null, choices.documents, language)}
        categories={choices.categories}
        locations={choices.locations}
        documentNames={choices.documentNames}
        forms={choices.forms}
        submitLabel={t("submitNew")}
        cancelHref="/staff/admin/anliegen"
        cancelLabel={t("backToList")}
      />
    </>
  );
}
