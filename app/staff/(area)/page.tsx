import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { LocationDateFilter } from "@/components/staff/location-date-filter";
import { StatusButtons } from "@/components/staff/status-buttons";
import type { StaffBookingRow } from "@/lib/services/staff/day-view";
import { addDays } from "@/lib/domain/zoned-time";
import { formatClock, formatLocalDate, formatTimeRange } from "@/lib/i18n/format";
import { getLanguage } from "@/lib/i18n/server";
import { allowedNextStatuses } from "@/lib/services/staff/booking-status";
import { loadDayView } from "@/lib/services/staff/day-view";
import { countUndelivered } from "@/lib/services/staff/undelivered";
import { locationAndDate } from "@/lib/staff-page";
import { NoLocationYet } from "@/components/staff/no-location-yet";
import { hasRole } from "@/lib/auth/staff-access";
import { setupChecklist } from "@/lib/services/admin/setup";
import { changeStatusAction } from "./actions";
import { requireStaffPage } from "@/lib/auth/staff";

export async function generateMetadata() {
  const t = await getTranslations("staff.day");
  return { title: t("title") };
}

const STATUS_TAG: Record<string, string> = { booked: "tag tag--info", checked_in: "tag tag--success", done: "tag", no_show: "tag tag--error", cancelled: "tag" };

export default async function DayViewPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const access = await requireStaffPage();
  const [params, t, language] = await Promise.all([searchParams, getTranslations("staff"), getLanguage()]);
  const { locations, location, date, today } = locationAndDate(access, params);
  if (!location) return <NoLocationYet title={t("day.title")} access={access} />;
  const setupUnfinished = hasRole(access.user, "admin") && !setupChecklist(access).complete;
  const view = loadDayView(access, location, date, language);
  // Across all days and locations: a citizen without a confirmation matters whichever day is on screen.
  const undelivered = countUndelivered(access);
  const tz = location.timeZone;
  const href = (d: string) => `/staff?standort=${location.slug}&datum=${d}`;

  const bookingCard = (b: StaffBookingRow) => {
    const label = `${formatClock(b.startsAt, language, tz)} ${b.citizenName || b.referenceCode}`;
    return (
      <li key={b.id} className={`timeline__item timeline__item--${b.status}${b.channel === "walk_in" ? " timeline__item--walk-in" : ""}`}>
        <p style={{ margin: 0 }}>
          <strong>{formatTimeRange(b.startsAt, b.endsAt, language, tz)}</strong> · {t("day.reference", { code: b.referenceCode })} ·{" "}
          <span className={STATUS_TAG[b.status]}>{t(`common.status.${b.status}`)}</span> <span className="tag">{t(`common.channel.${b.channel}`)}</span>
        </p>
        <p style={{ margin: "0.25rem 0" }}>
          <Link href={`/staff/termine/${b.id}`}>
            {b.citizenName || "—"}
            <span className="visually-hidden"> – {t("day.details")}</span>
          </Link>
          {b.phone && <> · {b.phone}</>}
          {b.counter && <> · {t("booking.counter")} {b.counter}</>}
        </p>
        <p className="small" style={{ margin: "0 0 0.25rem" }}>
          {b.items.map((i) => `${i.quantity} × ${i.name}`).join(", ")} · {b.durationMinutes} min
        </p>
        <StatusButtons action={changeStatusAction} bookingId={b.id} next={allowedNextStatuses(b.status)} bookingLabel={label} />
      </li>
    );
  };

  const lanes = Array.from({ length: view.laneCount }, (_, lane) => view.lanes.filter((l) => l.lane === lane).map((l) => l.item));

  return (
    <>
      <h1>
        {t("day.title")}: {formatLocalDate(date, language)}
      </h1>
      <LocationDateFilter action="/staff" locations={locations} locationSlug={location.slug} date={date} />
      <nav className="toolbar no-print" aria-label={t("day.filter")}>
        <Link href={href(addDays(date, -1))}>‹ {t("day.previous")}</Link>
        {date !== today && <Link href={href(today)}>{t("day.today")}</Link>}
        <Link href={href(addDays(date, 1))}>{t("day.next")} ›</Link>
        <Link href={`/staff/tagesliste?standort=${location.slug}&datum=${date}`}>{t("day.printList")}</Link>
      </nav>
      <form method="get" action="/staff/suche" className="toolbar no-print" role="search">
        <div className="field">
          <label htmlFor="q">{t("day.searchLabel")}</label>
          <input id="q" name="q" type="search" className="input--medium" />
        </div>
        <button type="submit" className="button button--secondary">
          {t("day.search")}
        </button>
      </form>

      {setupUnfinished && (
        <div className="notice notice--warning">
          <p>
            {t("setup.unfinished")} <Link href="/staff/admin/einrichtung">{t("setup.toChecklist")}</Link>
          </p>
        </div>
      )}
      {view.holiday && (
        <div className="notice notice--warning">
          <p>{t("day.holiday", { name: view.holiday.name[language] })}</p>
        </div>
      )}
      {view.closures.map((c) => (
        <div key={c.startsAt.toISOString()} className="notice notice--warning">
          <p>{t("day.closure", { from: formatClock(c.startsAt, language, tz), to: formatClock(c.endsAt, language, tz), reason: c.reason })}</p>
        </div>
      ))}
      {view.openingRanges.length === 0 && !view.holiday && (
        <div className="notice">
          <p>{t("day.closedToday")}</p>
        </div>
      )}

      {undelivered > 0 && (
        <div className="notice notice--warning">
          <p>
            {t("day.undelivered", { count: undelivered })} <Link href="/staff/nicht-zugestellt">{t("day.undeliveredLink")}</Link>
          </p>
        </div>
      )}

      <p>
        {t("day.summary", {
          all: view.counts.all,
          booked: view.counts.booked,
          checkedIn: view.counts.checked_in,
          done: view.counts.done,
          noShow: view.counts.no_show,
          online: view.counts.online,
          phone: view.counts.phone,
          walkIn: view.counts.walk_in,
        })}
      </p>

      <h2>{t("day.timeline")}</h2>
      {lanes.length === 0 ? (
        <p>{t("day.noBookings")}</p>
      ) : (
        <div className="timeline grid">
          {lanes.map((items, index) => (
            <section key={index} className="timeline__lane" aria-labelledby={`lane-${index}`}>
              <h3 id={`lane-${index}`}>{t("day.counter", { number: index + 1 })}</h3>
              <ol className="timeline__items">{items.map(bookingCard)}</ol>
            </section>
          ))}
        </div>
      )}

      {view.capacity.length > 0 && (
        <section aria-labelledby="capacity-title">
          <h2 id="capacity-title">{t("day.capacityTitle")}</h2>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("day.capacityCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("day.hour")}</th>
                  <th scope="col">{t("day.counters")}</th>
                  <th scope="col">{t("day.staffOnly")}</th>
                  <th scope="col">{t("day.walkIn")}</th>
                  <th scope="col">{t("day.bookedMax")}</th>
                  <th scope="col">{t("day.freeMin")}</th>
                </tr>
              </thead>
              <tbody>
                {view.capacity.map((row) => (
                  <tr key={row.startsAt.toISOString()}>
                    <th scope="row">{formatTimeRange(row.startsAt, row.endsAt, language, tz)}</th>
                    <td>{row.counters}</td>
                    <td>{row.staffOnly}</td>
                    <td>{row.walkIn}</td>
                    <td>{row.bookedMax}</td>
                    <td>
                      <strong>{row.freeMin}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {view.cancelled.length > 0 && (
        <details>
          <summary>{t("day.cancelledTitle", { count: view.cancelled.length })}</summary>
          <ul>
            {view.cancelled.map((b) => (
              <li key={b.id}>
                {formatTimeRange(b.startsAt, b.endsAt, language, tz)} · <Link href={`/staff/termine/${b.id}`}>{b.citizenName || b.referenceCode}</Link> ·{" "}
                {b.items.map((i) => `${i.quantity} × ${i.name}`).join(", ")}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
