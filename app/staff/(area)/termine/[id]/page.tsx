import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { StatusButtons } from "@/components/staff/status-buttons";
import { formatDateTime, formatDuration } from "@/lib/i18n/format";
import { getLanguage } from "@/lib/i18n/server";
import { allowedNextStatuses } from "@/lib/services/staff/booking-status";
import { loadStaffBooking } from "@/lib/services/staff/booking-detail";
import { changeStatusAction } from "../../actions";
import { requireStaffPage } from "@/lib/auth/staff";

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const t = await getTranslations("staff.booking");
  return { title: t("title", { code: `#${(await params).id}` }) };
}

export default async function StaffBookingPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const access = await requireStaffPage();
  const [{ id }, query, t, language] = await Promise.all([params, searchParams, getTranslations("staff"), getLanguage()]);
  const { details, history } = await loadStaffBooking(access, Number(id), language);
  const { booking, location } = details;
  const tz = location.timeZone;
  const isActive = booking.status === "booked" || booking.status === "checked_in";
  const dayHref = `/staff?standort=${location.slug}&datum=${booking.startsAt.toISOString().slice(0, 10)}`;

  return (
    <>
      <Link href={dayHref} className="back-link">
        {t("booking.back")}
      </Link>
      {query.neu === "1" && (
        <div className="notice notice--success" role="status">
          <p>{t("booking.newPhoneBooking")}</p>
          <p className="reference-code">{booking.referenceCode}</p>
          <p>{booking.email ? t("booking.emailSent", { email: booking.email }) : t("booking.noEmail")}</p>
        </div>
      )}
      {query.abgesagt === "1" && (
        <div className="notice notice--success" role="status">
          <p>{t("booking.cancelled")}</p>
        </div>
      )}
      {query.verschoben === "1" && (
        <div className="notice notice--success" role="status">
          <p>{t("booking.moved")}</p>
        </div>
      )}
      <h1>{t("booking.title", { code: booking.referenceCode })}</h1>
      {booking.anonymizedAt && (
        <div className="notice">
          <p>{t("booking.anonymized")}</p>
        </div>
      )}
      <dl className="summary-list">
        <dt>{t("booking.status")}</dt>
        <dd>{t(`common.status.${booking.status}`)}</dd>
        <dt>{t("booking.when")}</dt>
        <dd>{formatDateTime(booking.startsAt, language, tz)}</dd>
        <dt>{t("booking.duration")}</dt>
        <dd>{formatDuration(Math.round((booking.endsAt.getTime() - booking.startsAt.getTime()) / 60_000), language)}</dd>
        <dt>{t("booking.where")}</dt>
        <dd>{location.name}</dd>
        <dt>{t("booking.concerns")}</dt>
        <dd>{details.items.map((i) => `${i.quantity} × ${i.name}`).join(", ")}</dd>
        <dt>{t("booking.name")}</dt>
        <dd>{booking.citizenName || t("common.none")}</dd>
        <dt>{t("booking.phone")}</dt>
        <dd>{booking.phone ?? t("common.none")}</dd>
        <dt>{t("booking.email")}</dt>
        <dd>{booking.email ?? t("common.none")}</dd>
        <dt>{t("booking.note")}</dt>
        <dd>{booking.note ?? t("common.none")}</dd>
        <dt>{t("booking.counter")}</dt>
        <dd>{booking.counter ?? t("common.none")}</dd>
        <dt>{t("booking.language")}</dt>
        <dd>{t(`booking.language_${booking.language}`)}</dd>
      </dl>
      <p className="muted small">{t("booking.created", { dateTime: formatDateTime(booking.createdAt, language, tz), channel: t(`common.channel.${booking.channel}`) })}</p>

      <StatusButtons action={changeStatusAction} bookingId={booking.id} next={allowedNextStatuses(booking.status)} bookingLabel={booking.referenceCode} withCounter />
      {isActive && (
        <ul className="toolbar" style={{ listStyle: "none", paddingLeft: 0 }}>
          {booking.status === "booked" && (
            <li>
              <Link href={`/staff/termine/${booking.id}/verschieben`}>{t("booking.move")}</Link>
            </li>
          )}
          <li>
            <Link href={`/staff/termine/${booking.id}/absagen`}>{t("booking.cancel")}</Link>
          </li>
        </ul>
      )}

      <h2>{t("booking.checklist")}</h2>
      <ul>
        {details.checklist.required.map((entry) => (
          <li key={entry.key}>
            {entry.quantity} × {entry.name}
          </li>
        ))}
      </ul>
      {details.checklist.conditional.length > 0 && (
        <>
          <h3>{t("booking.checklistConditional")}</h3>
          <ul>
            {details.checklist.conditional.map((entry) => (
              <li key={entry.key}>
                {entry.quantity} × {entry.name} ({entry.conditions.join("; ")})
              </li>
            ))}
          </ul>
        </>
      )}

      {history.length > 0 && (
        <>
          <h2>{t("booking.history")}</h2>
          <ul>
            {history.map((entry) => (
              <li key={entry.id}>{t("booking.historyEntry", { dateTime: formatDateTime(entry.at, language, tz), action: entry.action, actor: entry.actorLabel })}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
