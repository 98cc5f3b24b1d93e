import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { CatalogueNav } from "@/components/admin/catalogue/catalogue-nav";
import { DocumentForm } from "@/components/admin/catalogue/document-form";
import { requireStaffPage } from "@/lib/auth/staff";
import { documentFormValues } from "@/lib/services/admin/catalogue";
import { createDocumentAction } from "../../actions";

export async function generateMetadata() {
  const t = await getTranslations("adminCatalogue.documents");
  return { title: t("newTitle") };
}

export default async function NewDocumentPage() {
  await requireStaffPage("admin");
  const t = await getTranslations("adminCatalogue.documents");
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
          submitLabel={t("submitNew")}
          cancelHref="/staff/admin/anliegen/unterlagen"
          cancelLabel={t("backToList")}
        />
      </div>
    </>
  );
}
