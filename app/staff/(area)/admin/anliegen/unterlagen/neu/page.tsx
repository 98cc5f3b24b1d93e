import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { CatalogueNav } from "@/components/admin/catalogue/catalogue-nav";
import { DocumentForm } from "@/components/admin/catalogue/document-form";
import { requireStaffPage } from "@/lib/auth/staff";
import { getLanguage, pick } from "@/lib/i18n/server";
import { documentFormValues, listDocumentsWithUsage } from "@/lib/services/admin/catalogue/documents";
import { createDocumentAction } from "../../actions";

export async function generateMetadata() {
  const t = await getTranslations("adminCatalogue.documents");
  return { title: t("newTitle") };
}

export default async function NewDocumentPage() {
  const access = await requireStaffPage("admin");
  const [t, language] = await Promise.all([getTranslations("adminCatalogue.documents"), getLanguage()]);
  return (
    <>
      <CatalogueNav current="documents" />
      <Link className="back-link" href="/staff/admin/anliegen/unterlagen">
        {t("backToList")}
      </Link>
      <h1>{t("newTitle")}</h1>
      <div className="reading">
        <DocumentForm
          action={createDocumentAction}
          defaults={documentFormValues(null)}
          alternatives={(await listDocumentsWithUsage(access)).map((other) => ({ value: String(other.id), label: pick(other, "name", language) }))}
          submitLabel={t("submitNew")}
          cancelHref="/staff/admin/anliegen/unterlagen"
          cancelLabel={t("backToList")}
        />
      </div>
    </>
  );
}
