import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { ActionNotice } from "@/components/admin/catalogue/action-notice";
import { requireStaffPage } from "@/lib/auth/staff";
import { isFederalStateCode, FEDERAL_STATES } from "@/lib/domain/holidays";
import { getLanguage } from "@/lib/i18n/server";
import { listLocationsForAdmin } from "@/lib/services/admin/locations";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("adminCatalogue.locations");
  return { title: t("title") };
}

export default async function LocationsPage({ searchParams }: Props) {
  const access = await requireStaffPage("admin");
  const [t, tCommon, language, query] = await Promise.all([
    getTranslations("adminCatalogue.locations"),
    getTranslations("adminCatalogue.common"),
    getLanguage(),
    searchParams,
  ]);
  const locations = await listLocationsForAdmin(access);

  return (
    <>
      <h1>{t("title")}</h1>
      <ActionNotice value={query.hinweis} />
      <p className="reading">{t("intro")}</p>
      <p>
        <Link className="button" href="/staff/admin/standorte/neu">
          {t("new")}
        </Link>
      </p>
      {locations.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t("tableCaption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("columns.position")}</th>
                <th scope="col">{t("columns.name")}</th>
                <th scope="col">{t("columns.address")}</th>
                <th scope="col">{t("columns.federalState")}</th>
                <th scope="col">{t("columns.contact")}</th>
                <th scope="col">{t("columns.status")}</th>
              </tr>
            </thead>
            <tbody>
              {locations.map((location) => (
                <tr key={location.id}>
                  <td>{location.position}</td>
                  <th scope="row">
                    <Link href={`/staff/admin/standorte/${location.id}`}>{location.name}</Link>
                  </th>
                  <td>
                    {location.street}
                    <br />
                    {location.postalCode} {location.city}
                  </td>
                  <td>{isFederalStateCode(location.federalState) ? FEDERAL_STATES[location.federalState][language] : location.federalState}</td>
                  <td style={{ overflowWrap: "anywhere" }}>
                    {location.phone}
                    <br />
                    {location.email}
                  </td>
                  <td>
                    <span className={location.active ? "tag tag--success" : "tag"}>{location.active ? tCommon("active") : tCommon("inactive")}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
