import { getTranslations } from "next-intl/server";
import Link from "next/link";
import type { AvailabilityDay } from "@/lib/domain/availability";
import type { Language } from "@/lib/domain/enums";
import { addDays, isoWeekday, type LocalDate } from "@/lib/domain/zoned-time";
import { formatLocalDate, formatMonth } from "@/lib/i18n/format";

/** "2026-12" → the month's days. */
function daysOfMonth(month: string): LocalDate[] {
  const days: LocalDate[] = [];
  for (let date = `${month}-01`; date.startsWith(month); date = addDays(date, 1)) days.push(date);
  return days;
}

export function shiftMonth(month: string, delta: number): string {
  const [year, m] = month.split("-").map(Number) as [number, number];
  const index = year * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/**
 * An accessible month view (a real table: weekday headers, each free day a link named with its full date and the
 * number of free times) and, as an alternative, a plain list that states for every day why it is not bookable.
 * Callers open it on the month of the first bookable day. Past days look different from days that cannot be booked
 * (closed, holiday, full), and today is marked, so nobody mistakes "over" for "closed".
 */
export async function DayPicker({
  days,
  month,
  view,
  language,
  dayHref,
  monthHref,
  selectedDate,
  today,
}: {
  days: AvailabilityDay[];
  month: string;
  view: "calendar" | "list";
  language: Language;
  dayHref: (date: LocalDate) => string;
  monthHref: (month: string, view: "calendar" | "list") => string;
  selectedDate: LocalDate | null;
  /** Today at the location: earlier days are shown as past. */
  today: LocalDate;
}) {
  const [t, common] = await Promise.all([getTranslations("booking.day"), getTranslations("common")]);
  const byDate = new Map(days.map((d) => [d.date, d]));
  const firstMonth = days[0]?.date.slice(0, 7) ?? month;
  const lastMonth = days.at(-1)?.date.slice(0, 7) ?? month;
  const monthDays = daysOfMonth(month);
  const monthName = formatMonth(`${month}-01`, language);

  const statusText = (date: LocalDate): string => {
    const day = byDate.get(date);
    if (!day) return t(date < today ? "status.past" : "status.beyond_horizon");
    if (day.status === "available") return t("freeTimes", { count: day.slots.length });
    if (day.status === "holiday" && day.holiday) return t("holiday", { name: day.holiday.name[language] });
    return t(`status.${day.status}`);
  };

  const nav = (
    <nav className="calendar-nav" aria-label={t("monthNav")}>
      {month > firstMonth ? (
        <Link href={monthHref(shiftMonth(month, -1), view)}>‹ {t("previousMonth", { month: formatMonth(`${shiftMonth(month, -1)}-01`, language) })}</Link>
      ) : (
        <span />
      )}
      {month < lastMonth && (
        <Link href={monthHref(shiftMonth(month, 1), view)}>{t("nextMonth", { month: formatMonth(`${shiftMonth(month, 1)}-01`, language) })} ›</Link>
      )}
    </nav>
  );

  if (view === "list") {
    return (
      <>
        {nav}
        <p>
          <Link href={monthHref(month, "calendar")}>{t("showCalendar")}</Link>
        </p>
        <div className="table-wrap">
          <table>
            <caption>{t("listCaption", { month: monthName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("dateColumn")}</th>
                <th scope="col">{t("statusColumn")}</th>
              </tr>
            </thead>
            <tbody>
              {monthDays.map((date) => {
                const day = byDate.get(date);
                const label = formatLocalDate(date, language);
                return (
                  <tr key={date}>
                    <th scope="row">{day?.status === "available" ? <Link href={dayHref(date)}>{label}</Link> : label}</th>
                    <td>{statusText(date)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </>
    );
  }

  const leadingBlanks = isoWeekday(monthDays[0]!) - 1;
  const cells: (LocalDate | null)[] = [...Array<null>(leadingBlanks).fill(null), ...monthDays];
  while (cells.length % 7 !== 0) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));

  return (
    <>
      {nav}
      <table className="calendar">
        <caption>{t("calendarCaption", { month: monthName })}</caption>
        <thead>
          <tr>
            {[1, 2, 3, 4, 5, 6, 7].map((weekday) => (
              <th key={weekday} scope="col">
                <abbr title={common(`weekday.${weekday}` as "weekday.1")}>{common(`weekdayShort.${weekday}` as "weekdayShort.1")}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, index) => (
            <tr key={index}>
              {week.map((date, column) => {
                if (!date) return <td key={`blank-${column}`} />;
                const day = byDate.get(date);
                const dayNumber = Number(date.slice(8));
                const fullName = `${formatLocalDate(date, language)}${date === today ? `, ${t("today")}` : ""}, ${statusText(date)}`;
                const isPast = date < today;
                return (
                  <td key={date}>
                    {day?.status === "available" ? (
                      <Link
                        href={dayHref(date)}
                        className={date === today ? "calendar__day calendar__day--today" : "calendar__day"}
                        aria-label={fullName}
                        aria-current={date === selectedDate ? "date" : undefined}
                      >
                        {dayNumber}
                      </Link>
                    ) : (
                      <span className={["calendar__day", isPast ? "calendar__day--past" : "calendar__day--closed", date === today ? "calendar__day--today" : ""].join(" ").trim()}>
                        <span aria-hidden="true">{dayNumber}</span>
                        <span className="visually-hidden">{fullName}</span>
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">{t("legend")}</p>
      <p>
        <Link href={monthHref(month, "list")}>{t("showList")}</Link>
      </p>
    </>
  );
}
