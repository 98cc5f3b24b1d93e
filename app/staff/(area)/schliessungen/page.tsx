import { getTranslations } from "next-intl/server";
import { ClosureForm } from "@/components/staff/closure-form";
import { ConfirmActionForm } from "@/components/ui/confirm-action-form";
import { listLocations } from "@/db/queries/locations";
import { formatDateTime } from "@/lib/i18n/format";
import { getLanguage } from "@/lib/i18n/server";
import { listUpcomingClosures } from "@/lib/services/staff/capacity";
import { closureAction, removeClosureAction } from "./actions";
import { requireStaffPage } from "@/lib/auth/staff";

export async function generateMetadata() {
  const t = await getTranslations("staff.closures");
  return { title: t("title") };
}

export default async function ClosuresPage() {
  const access = await requireStaffPage();
  const [t, language] = await Promise.all([getTranslations("staff.closures"), getLanguage()]);
  const closures = await listUpcomingClosures(access);
  const locations = await listLocations(access.db);
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="reading">{t("intro")}</p>
      <h2>{t("upcoming")}</h2>
      {closures.length === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("period")}</th>
                <th scope="col">{t("location")}</th>
                <th scope="col">{t("reason")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("remove")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {closures.map(({ closure, locationName, timeZone }) => {
                // In the closure's location's zone (the installation default for a closure of all locations).
                const period = `${formatDateTime(closure.startsAt, language, timeZone)} – ${formatDateTime(closure.endsAt, language, timeZone)}`;
                return (
                  <tr key={closure.id}>
                    <th scope="row">{period}</th>
                    <td>{locationName ?? t("all")}</td>
                    <td>{closure.reason}</td>
                    <td>
                      <ConfirmActionForm action={removeClosureAction} hidden={{ id: String(closure.id) }} label={t("remove")} context={period} variant="secondary" />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t("new")}</h2>
      <ClosureForm action={closureAction} locations={locations.map((l) => ({ id: l.id, name: l.name }))} language={language} />
    </>
  );
}
