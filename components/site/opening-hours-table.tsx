import { getTranslations } from "next-intl/server";
import { formatMinutes } from "@/lib/i18n/format";

type Range = { weekday: number; startMinute: number; endMinute: number };

/** Opening hours (or walk-in hours) per weekday as a table, several ranges a day joined. */
export async function OpeningHoursTable({ caption, ranges, showClosedDays }: { caption: string; ranges: Range[]; showClosedDays: boolean }) {
  const [t, common] = await Promise.all([getTranslations("home"), getTranslations("common")]);
  const weekdays = [1, 2, 3, 4, 5, 6, 7].filter((day) => showClosedDays ? day <= 5 || ranges.some((r) => r.weekday === day) : ranges.some((r) => r.weekday === day));
  return (
    <table>
      <caption className="visually-hidden">{caption}</caption>
      <thead className="visually-hidden">
        <tr>
          <th scope="col">{t("dayColumn")}</th>
          <th scope="col">{t("hoursColumn")}</th>
        </tr>
      </thead>
      <tbody>
        {weekdays.map((day) => {
          const dayRanges = ranges.filter((r) => r.weekday === day).sort((a, b) => a.startMinute - b.startMinute);
          return (
            <tr key={day}>
              <th scope="row">{common(`weekday.${day}` as "weekday.1")}</th>
              <td>
                {dayRanges.length === 0
                  ? common("closed")
                  : dayRanges
                      .map((r) => t("timeRange", { from: formatMinutes(r.startMinute), to: formatMinutes(r.endMinute) }))
                      .join(", ")}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
