import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { CatalogueNav } from "@/components/admin/catalogue/catalogue-nav";
import { DownloadForm } from "@/components/admin/catalogue/download-form";
import { requireStaffPage } from "@/lib/auth/staff";
import { formFormValues } from "@/lib/services/admin/catalogue/downloadable-forms";
import { createFormAction } from "../../actions";

export async function generateMetadata() {
  const t = await getTranslations("adminCatalogue.forms");
  return { title: t("newTitle") };
}

export default async function NewFormPage() {
  await requireStaffPage("admin");
  const t = await getTranslations("adminCatalogue.forms");
  return (
    <>
      <CatalogueNav current="forms" />
      <Link className="back-link" href="/staff/admin/anliegen/formulare">
        {t("backToList")}
      </Link>
      <h1>{t("newTitle")}</h1>
      <div className="reading">
        <DownloadForm
          action={createFormAction}
          defaults={formFormValues(null)}
          submitLabel={t("submitNew")}
          cancelHref="/staff/admin/anliegen/formulare"
          cancelLabel={t("backToList")}
        />
      </div>
    </>
  );
}
