import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { LocationDateFilter } from "@/components/staff/location-date-filter";
import { addDays, isoWeekday } from "@/lib/domain/zoned-time";
import { formatLocalDate } from "@/lib/i18n/format";
import { getLanguage } from "@/lib/i18n/server";
import { loadWeek } from "@/lib/services/staff/day-view";
import { locationAndDate } from "@/lib/staff-page";
import { NoLocationYet } from "@/components/staff/no-location-yet";
import { requireStaffPage } from "@/lib/auth/staff";

export async function generateMetadata() {
  const t = await getTranslations("staff.week");
  return { title: t("title") };
}

export default async function WeekPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const access = await requireStaffPage();
  const [params, t, language] = await Promise.all([searchParams, getTranslations("staff"), getLanguage()]);
  const { locations, location, date } = await locationAndDate(access, params);
  if (!location) return <NoLocationYet title={t("week.title")} access={access} />;
  const monday = addDays(date, 1 - isoWeekday(date));
  const week = await loadWeek(access, location, monday);
  const href = (d: string) => `/staff/woche?standort=${location.slug}&datum=${d}`;
  return (
    <>
      <h1>{t("week.title")}</h1>
      <LocationDateFilter action="/staff/woche" locations={locations} locationSlug={location.slug} date={date} />
      <nav className="toolbar" aria-label={t("week.title")}>
        <Link href={href(addDays(monday, -7))}>‹ {t("week.previous")}</Link>
        <Link href={href(addDays(monday, 7))}>{t("week.next")} ›</Link>
      </nav>
      <div className="table-wrap">
        <table>
          <caption>{t("week.caption", { location: location.name, date: formatLocalDate(monday, language) })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("week.day")}</th>
              <th scope="col">{t("week.bookings")}</th>
              <th scope="col">{t("week.load")}</th>
            </tr>
          </thead>
          <tbody>
            {week.map((day) => {
              const percent = day.capacityMinutes > 0 ? Math.round((day.bookedMinutes / day.capacityMinutes) * 100) : 0;
              return (
                <tr key={day.date}>
                  <th scope="row">
                    <Link href={`/staff?standort=${location.slug}&datum=${day.date}`}>{formatLocalDate(day.date, language)}</Link>
                    {day.holiday && <span className="hint">{t("week.holiday", { name: day.holiday.name[language] })}</span>}
                  </th>
                  <td>{day.bookings}</td>
                  <td style={{ minWidth: "12rem" }}>
                    {day.capacityMinutes > 0 ? (
                      <>
                        <span className="bar" aria-hidden="true" style={{ width: `${Math.min(100, percent)}%` }} />
                        {t("week.loadValue", { percent, booked: Math.round(day.bookedMinutes), capacity: day.capacityMinutes })}
                      </>
                    ) : (
                      t("week.noCapacity")
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
