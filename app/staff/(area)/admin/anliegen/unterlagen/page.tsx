import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { ActionNotice } from "@/components/admin/catalogue/action-notice";
import { CatalogueNav } from "@/components/admin/catalogue/catalogue-nav";
import { getDb } from "@/db/client";
import { requireStaff } from "@/lib/auth/staff";
import { getLanguage, pick } from "@/lib/i18n/server";
import { listDocumentsWithUsage } from "@/lib/services/admin/catalogue";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("adminCatalogue.documents");
  return { title: t("title") };
}

export default async function DocumentsPage({ searchParams }: Props) {
  await requireStaff("admin", "/staff/admin/anliegen/unterlagen");
  const [t, language, query] = await Promise.all([getTranslations("adminCatalogue.documents"), getLanguage(), searchParams]);
  const documents = listDocumentsWithUsage(getDb());

  return (
    <>
      <CatalogueNav current="documents" />
      <h1>{t("title")}</h1>
      <ActionNotice value={query.hinweis} />
      <p className="reading">{t("intro")}</p>
      <p>
        <Link className="button" href="/staff/admin/anliegen/unterlagen/neu">
          {t("new")}
        </Link>
      </p>
      {documents.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("columns.name")}</th>
                <th scope="col">{t("columns.key")}</th>
                <th scope="col">{t("columns.usedBy")}</th>
              </tr>
            </thead>
            <tbody>
              {documents.map((document) => (
                <tr key={document.id}>
                  <th scope="row">
                    <Link href={`/staff/admin/anliegen/unterlagen/${document.id}`}>{pick(document, "name", language)}</Link>
                    {pick(document, "hint", language) && <span className="hint small">{pick(document, "hint", language)}</span>}
                  </th>
                  <td>
                    <code>{document.key}</code>
                  </td>
                  <td>{t("usedBy", { count: document.usedBy })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
