import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { ActionNotice } from "@/components/admin/catalogue/action-notice";
import { CatalogueNav } from "@/components/admin/catalogue/catalogue-nav";
import { requireStaffPage } from "@/lib/auth/staff";
import { formatDuration, formatEuro } from "@/lib/i18n/format";
import { getLanguage, pick } from "@/lib/i18n/server";
import { listConcernGroups } from "@/lib/services/admin/catalogue/concerns";
import { listLocationsForAdmin } from "@/lib/services/admin/locations";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("adminCatalogue.concerns");
  return { title: t("title") };
}

/** The whole catalogue at a glance, grouped as citizens see it, inactive concerns included and marked. */
export default async function ConcernsPage({ searchParams }: Props) {
  const access = await requireStaffPage("admin");
  const [t, tCommon, language, query] = await Promise.all([
    getTranslations("adminCatalogue.concerns"),
    getTranslations("adminCatalogue.common"),
    getLanguage(),
    searchParams,
  ]);
    const groups = await listConcernGroups(access);
  const locationNames = new Map((await listLocationsForAdmin(access)).map((location) => [location.id, location.name]));

  return (
    <>
      <CatalogueNav current="concerns" />
      <h1>{t("title")}</h1>
      <ActionNotice value={query.hinweis} />
      <p className="reading">{t("intro")}</p>
      {groups.length === 0 ? (
        <p>{t("noCategories")}</p>
      ) : (
        <p>
          <Link className="button" href="/staff/admin/anliegen/neu">
            {t("new")}
          </Link>
        </p>
      )}

      {groups.map(({ category, concerns }) => {
        const headingId = `category-${category.id}`;
        const categoryName = pick(category, "name", language);
        return (
          <section key={category.id} aria-labelledby={headingId}>
            <h2 id={headingId}>{categoryName}</h2>
            {concerns.length === 0 ? (
              <p className="muted">{t("emptyCategory")}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <caption className="visually-hidden">{t("tableCaption", { category: categoryName })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("columns.position")}</th>
                      <th scope="col">{t("columns.name")}</th>
                      <th scope="col">{t("columns.status")}</th>
                      <th scope="col">{t("columns.duration")}</th>
                      <th scope="col">{t("columns.fee")}</th>
                      <th scope="col">{t("columns.maxQuantity")}</th>
                      <th scope="col">{t("columns.locations")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {concerns.map((concern) => {
                      const offeredAt = concern.locationIds.map((id) => locationNames.get(id)).filter(Boolean);
                      return (
                        <tr key={concern.id}>
                          <td>{concern.position}</td>
                          <th scope="row">
                            <Link href={`/staff/admin/anliegen/${concern.id}`}>{pick(concern, "name", language)}</Link>
                          </th>
                          <td>
                            <span className={concern.active ? "tag tag--success" : "tag"}>{concern.active ? tCommon("active") : tCommon("inactive")}</span>
                            {concern.reviewPending && <span className="tag tag--warning">{t("reviewPending")}</span>}
                          </td>
                          <td>{formatDuration(concern.durationMinutes, language)}</td>
                          <td>{concern.feeCents === null || concern.feeCents === 0 ? tCommon("free") : formatEuro(concern.feeCents, language)}</td>
                          <td>{concern.maxQuantity}</td>
                          <td>{offeredAt.length > 0 ? offeredAt.join(", ") : <span className="muted">{t("noLocations")}</span>}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        );
      })}
    </>
  );
}
