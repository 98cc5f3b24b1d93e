import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { CatalogueListPage } from "@/components/admin/catalogue/catalogue-list-page";
import { MoveForm } from "@/components/admin/catalogue/move-form";
import { requireStaffPage } from "@/lib/auth/staff";
import { getLanguage, pick } from "@/lib/i18n/server";
import { listConcernGroups } from "@/lib/services/admin/catalogue/concerns";
import { moveCategoryAction } from "../actions";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("adminCatalogue.categories");
  return { title: t("title") };
}

/** Categories in the booking page's order, with buttons to move one up or down and a link to rename it. */
export default async function CategoriesPage({ searchParams }: Props) {
  const access = await requireStaffPage("admin");
  const [t, language, query] = await Promise.all([getTranslations("adminCatalogue.categories"), getLanguage(), searchParams]);
  const groups = await listConcernGroups(access);

  return (
    <CatalogueListPage
      section="categories"
      notice={query.hinweis}
      t={t}
      newHref="/staff/admin/anliegen/kategorien/neu"
      isEmpty={groups.length === 0}
    >
      <thead>
        <tr>
          <th scope="col">{t("columns.position")}</th>
          <th scope="col">{t("columns.nameDe")}</th>
          <th scope="col">{t("columns.nameEn")}</th>
          <th scope="col">{t("columns.concerns")}</th>
          <th scope="col">{t("columns.openByDefault")}</th>
          <th scope="col">{t("columns.move")}</th>
        </tr>
      </thead>
      <tbody>
        {groups.map(({ category, concerns }, index) => {
          const name = pick(category, "name", language);
          return (
            <tr key={category.id}>
              <td>{index + 1}</td>
              <th scope="row">
                <Link href={`/staff/admin/anliegen/kategorien/${category.id}`} lang="de">
                  {category.nameDe}
                </Link>
              </th>
              <td lang="en">{category.nameEn}</td>
              <td>{t("concernCount", { count: concerns.length })}</td>
              <td>{t(category.openByDefault ? "openByDefaultYes" : "openByDefaultNo")}</td>
              <td>
                {index > 0 && <MoveForm action={moveCategoryAction} id={category.id} direction="up" label={t("moveUp")} hiddenLabel={name} />}
                {index < groups.length - 1 && <MoveForm action={moveCategoryAction} id={category.id} direction="down" label={t("moveDown")} hiddenLabel={name} />}
              </td>
            </tr>
          );
        })}
      </tbody>
    </CatalogueListPage>
  );
}
