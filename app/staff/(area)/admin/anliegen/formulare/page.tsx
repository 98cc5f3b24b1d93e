import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { CatalogueListPage } from "@/components/admin/catalogue/catalogue-list-page";
import { requireStaffPage } from "@/lib/auth/staff";
import { getLanguage, pick } from "@/lib/i18n/server";
import { listFormsWithUsage } from "@/lib/services/admin/catalogue/downloadable-forms";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("adminCatalogue.forms");
  return { title: t("title") };
}

export default async function FormsPage({ searchParams }: Props) {
  const access = await requireStaffPage("admin");
  const [t, language, query] = await Promise.all([getTranslations("adminCatalogue.forms"), getLanguage(), searchParams]);
  const forms = await listFormsWithUsage(access);

  return (
    <CatalogueListPage
      section="forms"
      notice={query.hinweis}
      t={t}
      newHref="/staff/admin/anliegen/formulare/neu"
      isEmpty={forms.length === 0}
    >
      <thead>
        <tr>
          <th scope="col">{t("columns.title")}</th>
          <th scope="col">{t("columns.href")}</th>
          <th scope="col">{t("columns.usedBy")}</th>
        </tr>
      </thead>
      <tbody>
        {forms.map((form) => (
          <tr key={form.id}>
            <th scope="row">
              <Link href={`/staff/admin/anliegen/formulare/${form.id}`}>{pick(form, "title", language)}</Link>
            </th>
            <td style={{ overflowWrap: "anywhere" }}>
              <code>{form.href}</code>
            </td>
            <td>{t("usedBy", { count: form.usedBy })}</td>
          </tr>
        ))}
      </tbody>
    </CatalogueListPage>
  );
}
