import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { PrintButton } from "@/components/ui/print-button";
import { formatLocalDate, formatTimeRange } from "@/lib/i18n/format";
import { getLanguage } from "@/lib/i18n/server";
import { loadDayView } from "@/lib/services/staff/day-view";
import { locationAndDate } from "@/lib/staff-page";
import { NoLocationYet } from "@/components/staff/no-location-yet";
import { requireStaffPage } from "@/lib/auth/staff";

export async function generateMetadata() {
  const t = await getTranslations("staff.day");
  return { title: t("printList") };
}

/** The day as one table in time order, laid out to be printed for the counter. */
export default async function PrintListPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const access = await requireStaffPage();
  const [params, t, language] = await Promise.all([searchParams, getTranslations("staff"), getLanguage()]);
  const { location, date } = await locationAndDate(access, params);
  if (!location) return <NoLocationYet title={t("day.printList")} access={access} />;
  const view = await loadDayView(access, location, date, language);
  const rows = view.active;
  return (
    <>
      <p className="no-print">
        <Link href={`/staff?standort=${location.slug}&datum=${date}`}>{t("printList.back")}</Link> <PrintButton label={t("common.print")} />
      </p>
      <h1>{t("printList.title", { location: location.name, date: formatLocalDate(date, language) })}</h1>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("printList.time")}</th>
              <th scope="col">{t("printList.reference")}</th>
              <th scope="col">{t("printList.name")}</th>
              <th scope="col">{t("printList.phone")}</th>
              <th scope="col">{t("printList.concerns")}</th>
              <th scope="col">{t("printList.channel")}</th>
              <th scope="col">{t("printList.status")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((b) => (
              <tr key={b.id}>
                <td>{formatTimeRange(b.startsAt, b.endsAt, language, location.timeZone)}</td>
                <td>{b.referenceCode}</td>
                <td>{b.citizenName}</td>
                <td>{b.phone ?? ""}</td>
                <td>{b.items.map((i) => `${i.quantity} × ${i.name}`).join(", ")}</td>
                <td>{t(`common.channel.${b.channel}`)}</td>
                <td>{t(`common.status.${b.status}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
