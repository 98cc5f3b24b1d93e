import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CatalogueNav } from "@/components/admin/catalogue/catalogue-nav";
import { DownloadForm } from "@/components/admin/catalogue/download-form";
import { parseRecordId } from "@/components/admin/catalogue/page-helpers";
import { ConfirmActionForm } from "@/components/ui/confirm-action-form";
import { requireStaffPage, staffAccessWithRole } from "@/lib/auth/staff";
import { getLanguage, pick } from "@/lib/i18n/server";
import { findForm, formFormValues } from "@/lib/services/admin/catalogue/downloadable-forms";
import { deleteFormAction, updateFormAction } from "../../actions";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props) {
  const [{ id }, t, language] = await Promise.all([params, getTranslations("adminCatalogue.forms"), getLanguage()]);
  const parsed = parseRecordId(id);
  // Only an admin gets a title naming the record (an inactive concern's name is not public), everyone else a generic one.
  const access = parsed === null ? null : await staffAccessWithRole("admin");
  const form = access && parsed !== null ? await findForm(access, parsed) : undefined;
  return { title: form ? t("editTitle", { name: pick(form, "title", language) }) : t("title") };
}

/** Edit a downloadable form; deleting is offered only while no concern links it (the service checks that again). */
export default async function EditFormPage({ params }: Props) {
  const { id } = await params;
  const access = await requireStaffPage("admin");
  const parsed = parseRecordId(id);
  const form = parsed === null ? undefined : await findForm(access, parsed);
  if (!form) notFound();
  const [t, language] = await Promise.all([getTranslations("adminCatalogue.forms"), getLanguage()]);
  return (
    <>
      <CatalogueNav current="forms" />
      <Link className="back-link" href="/staff/admin/anliegen/formulare">
        {t("backToList")}
      </Link>
      <h1>{t("editTitle", { name: pick(form, "title", language) })}</h1>
      <div className="reading">
        <DownloadForm
          action={updateFormAction}
          defaults={formFormValues(form)}
          recordId={form.id}
          submitLabel={t("submitEdit")}
          cancelHref="/staff/admin/anliegen/formulare"
          cancelLabel={t("backToList")}
        />
        <section aria-labelledby="delete-title">
          <h2 id="delete-title">{t("deleteTitle")}</h2>
          {form.usedBy > 0 ? (
            <p>{t("inUse", { count: form.usedBy })}</p>
          ) : (
            <>
              <p>{t("deleteText")}</p>
              <ConfirmActionForm action={deleteFormAction} hidden={{ id: String(form.id) }} label={t("deleteButton")} danger />
            </>
          )}
        </section>
      </div>
    </>
  );
}
