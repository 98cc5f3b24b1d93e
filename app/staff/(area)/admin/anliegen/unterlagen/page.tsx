import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { CatalogueListPage } from "@/components/admin/catalogue/catalogue-list-page";
import { requireStaffPage } from "@/lib/auth/staff";
import { getLanguage, pick } from "@/lib/i18n/server";
import { listDocumentsWithUsage } from "@/lib/services/admin/catalogue/documents";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("adminCatalogue.documents");
  return { title: t("title") };
}

export default async function DocumentsPage({ searchParams }: Props) {
  const access = await requireStaffPage("admin");
  const [t, language, query] = await Promise.all([getTranslations("adminCatalogue.documents"), getLanguage(), searchParams]);
  const documents = await listDocumentsWithUsage(access);

  return (
    <CatalogueListPage
      section="documents"
      notice={query.hinweis}
      t={t}
      newHref="/staff/admin/anliegen/unterlagen/neu"
      isEmpty={documents.length === 0}
    >
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
    </CatalogueListPage>
  );
}
