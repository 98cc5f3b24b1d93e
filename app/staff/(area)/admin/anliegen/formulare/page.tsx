import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { ActionNotice } from "@/components/admin/catalogue/action-notice";
import { CatalogueNav } from "@/components/admin/catalogue/catalogue-nav";
import { getDb } from "@/db/client";
import { requireStaff } from "@/lib/auth/staff";
import { getLanguage, pick } from "@/lib/i18n/server";
import { listFormsWithUsage } from "@/lib/services/admin/catalogue";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("adminCatalogue.forms");
  return { title: t("title") };
}

export default async function FormsPage({ searchParams }: Props) {
  await requireStaff("admin", "/staff/admin/anliegen/formulare");
  const [t, language, query] = await Promise.all([getTranslations("adminCatalogue.forms"), getLanguage(), searchParams]);
  const forms = listFormsWithUsage(getDb());

  return (
    <>
      <CatalogueNav current="forms" />
      <h1>{t("title")}</h1>
      <ActionNotice value={query.hinweis} />
      <p className="reading">{t("intro")}</p>
      <p>
        <Link className="button" href="/staff/admin/anliegen/formulare/neu">
          {t("new")}
        </Link>
      </p>
      {forms.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("tableCaption")}</caption>
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
          </table>
        </div>
      )}
    </>
  );
}
