import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CatalogueNav } from "@/components/admin/catalogue/catalogue-nav";
import { DocumentForm } from "@/components/admin/catalogue/document-form";
import { parseRecordId } from "@/components/admin/catalogue/page-helpers";
import { ConfirmActionForm } from "@/components/ui/confirm-action-form";
import { requireStaffPage, staffAccessWithRole } from "@/lib/auth/staff";
import { getLanguage, pick } from "@/lib/i18n/server";
import { documentAlternativeIds, documentFormValues, findDocument, listDocumentsWithUsage } from "@/lib/services/admin/catalogue/documents";
import { deleteDocumentAction, updateDocumentAction } from "../../actions";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props) {
  const [{ id }, t, language] = await Promise.all([params, getTranslations("adminCatalogue.documents"), getLanguage()]);
  const parsed = parseRecordId(id);
  // Only an admin gets a title naming the record (an inactive concern's name is not public), everyone else a generic one.
  const access = parsed === null ? null : await staffAccessWithRole("admin");
  const document = access && parsed !== null ? await findDocument(access, parsed) : undefined;
  return { title: document ? t("editTitle", { name: pick(document, "name", language) }) : t("title") };
}

/** Edit a document; deleting is offered only while no concern uses it (the service checks that again). */
export default async function EditDocumentPage({ params }: Props) {
  const { id } = await params;
  const access = await requireStaffPage("admin");
  const parsed = parseRecordId(id);
  const document = parsed === null ? undefined : await findDocument(access, parsed);
  if (!document) notFound();
  const [t, language] = await Promise.all([getTranslations("adminCatalogue.documents"), getLanguage()]);
  return (
    <>
      <CatalogueNav current="documents" />
      <Link className="back-link" href="/staff/admin/anliegen/unterlagen">
        {t("backToList")}
      </Link>
      <h1>{t("editTitle", { name: pick(document, "name", language) })}</h1>
      <div className="reading">
        <DocumentForm
          action={updateDocumentAction}
          defaults={documentFormValues({ ...document, alternativeIds: await documentAlternativeIds(access, document.id) })}
          recordId={document.id}
          alternatives={(await listDocumentsWithUsage(access))
            .filter((other) => other.id !== document.id)
            .map((other) => ({ value: String(other.id), label: pick(other, "name", language) }))}
          submitLabel={t("submitEdit")}
          cancelHref="/staff/admin/anliegen/unterlagen"
          cancelLabel={t("backToList")}
        />
        <section aria-labelledby="delete-title">
          <h2 id="delete-title">{t("deleteTitle")}</h2>
          {document.usedBy > 0 ? (
            <p>{t("inUse", { count: document.usedBy })}</p>
          ) : (
            <>
              <p>{t("deleteText")}</p>
              <ConfirmActionForm action={deleteDocumentAction} hidden={{ id: String(document.id) }} label={t("deleteButton")} danger />
            </>
          )}
        </section>
      </div>
    </>
  );
}
