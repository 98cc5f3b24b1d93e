import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { QrCode } from "@/components/hall/qr-code";
import { FocusHeading } from "@/components/ui/focus-heading";
import { PrintButton } from "@/components/ui/print-button";
import { loadManagedBooking } from "@/lib/booking-flow/manage";
import { formatDateTime, formatDuration, formatEuro } from "@/lib/i18n/format";
import { pick } from "@/lib/i18n/server";

export async function generateMetadata() {
  const t = await getTranslations("booking.manage");
  return { title: t("title"), robots: { index: false, follow: false } };
}

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | undefined>> };

export default async function ManageBookingPage({ params, searchParams }: Props) {
  const [{ token, language, settings, now, details, rules }, query, t] = await Promise.all([
    loadManagedBooking(params),
    searchParams,
    getTranslations("booking.manage"),
  ]);
  const { booking, location } = details;
  const tz = location.timeZone;
  const isPast = booking.endsAt.getTime() < now.getTime();
  const justBooked = query.gebucht === "1";
  const base = `/termin/verwalten/${token}`;
  const durationMinutes = Math.round((booking.endsAt.getTime() - booking.startsAt.getTime()) / 60_000);
  const directions = pick(location, "directions", language);

  return (
    <>
      {justBooked && (
        <div className="notice notice--success" role="status">
          <p>{booking.email ? t("bookedText", { email: booking.email }) : t("bookedNoEmail")}</p>
        </div>
      )}
      {query.verschoben === "1" && (
        <div className="notice notice--success" role="status">
          <p>{t("rescheduleDone")}</p>
        </div>
      )}
      {query.abgesagt === "1" && (
        <div className="notice notice--success" role="status">
          <p>{t("cancelDone")}</p>
        </div>
      )}
      <FocusHeading>{justBooked ? t("bookedTitle") : t("title")}</FocusHeading>

      <p>
        {t("reference")}: <span className="reference-code">{booking.referenceCode}</span>
        <br />
        <span className="muted small">{t("referenceHint")}</span>
      </p>
      {location.kioskInUse && booking.status === "booked" && (
        <div className="check-in-code">
          <p>{t("checkInHint")}</p>
          <QrCode text={booking.referenceCode} label={t("checkInQr", { code: booking.referenceCode })} size={128} />
        </div>
      )}

      <dl className="summary-list">
        <dt>{t("status")}</dt>
        <dd>
          <span className={booking.status === "cancelled" ? "tag tag--error" : "tag tag--success"}>{t(`statusValue.${booking.status}`)}</span>
        </dd>
        <dt>{t("when")}</dt>
        <dd>{formatDateTime(booking.startsAt, language, tz)}</dd>
        <dt>{t("duration")}</dt>
        <dd>{formatDuration(durationMinutes, language)}</dd>
        <dt>{t("where")}</dt>
        <dd>
          {location.name}
          <br />
          {location.street}, {location.postalCode} {location.city}
        </dd>
        <dt>{t("concerns")}</dt>
        <dd>
          <ul>
            {details.items.map((item) => (
              <li key={item.concernId}>
                {item.quantity} × {item.name}
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t("fees")}</dt>
        <dd>{details.totalFeeCents === null ? t("feesNone") : t("feesText", { amount: formatEuro(details.totalFeeCents, language) })}</dd>
      </dl>

      {booking.status === "cancelled" ? (
        <div className="notice notice--warning">
          <p>{t("cancelledText")}</p>
          <p>
            <Link href="/termin">{t("bookAgain")}</Link>
          </p>
        </div>
      ) : (
        <>
          <section aria-labelledby="checklist-title">
            <h2 id="checklist-title">{t("checklistTitle")}</h2>
            {details.checklist.required.length === 0 && details.checklist.conditional.length === 0 && <p>{t("checklistEmpty")}</p>}
            {details.checklist.required.length > 0 && (
              <ul className="checklist">
                {details.checklist.required.map((entry) => (
                  <li key={entry.key}>
                    <strong>
                      {entry.quantity} × {entry.name}
                    </strong>
                    {entry.hint && <span className="hint">{entry.hint}</span>}
                  </li>
                ))}
              </ul>
            )}
            {details.checklist.conditional.length > 0 && (
              <>
                <h3 id="checklist-conditional-title">{t("checklistConditionalTitle")}</h3>
                <p>{t("checklistConditionalIntro")}</p>
                <ul className="checklist checklist--conditional" aria-labelledby="checklist-conditional-title">
                  {details.checklist.conditional.map((entry) => (
                    <li key={entry.key}>
                      <strong>
                        {entry.quantity} × {entry.name}
                      </strong>
                      <span className="checklist__condition">{entry.conditions.join("; ")}</span>
                      {entry.hint && <span className="hint">{entry.hint}</span>}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
          {directions && (
            <section aria-labelledby="directions-title">
              <h2 id="directions-title">{t("directions")}</h2>
              <p className="reading">{directions}</p>
            </section>
          )}
          <div className="button-group">
            <a className="button button--secondary" href={`${base}/kalender`} download="termin.ics">
              {t("calendar")}
            </a>
            <PrintButton label={t("print")} />
          </div>
        </>
      )}

      <section aria-labelledby="change-title" className="no-print">
        {/* A cancelled appointment cannot be moved or cancelled: the page then offers only the data deletion. */}
        <h2 id="change-title">{booking.status === "cancelled" ? t("dataTitle") : t("changeTitle")}</h2>
        {isPast ? (
          <p>{t("pastText")}</p>
        ) : rules.canChange ? (
          <>
            <p>{t("cutoffText", { cutoff: formatDateTime(rules.cutoffAt, language, tz) })}</p>
            <ul>
              <li>
                <Link href={`${base}/verschieben`}>{t("reschedule")}</Link>
              </li>
              <li>
                <Link href={`${base}/absagen`}>{t("cancel")}</Link>
              </li>
            </ul>
          </>
        ) : booking.status === "booked" ? (
          <p>{t("cutoffPassed", { phone: location.phone || settings.contactPhone })}</p>
        ) : null}
        <p>
          <Link href={`${base}/daten-loeschen`}>{t("deleteData")}</Link>
        </p>
        <h3>{t("manageLinkTitle")}</h3>
        <p className="reading">{booking.status === "booked" && !isPast ? t("manageLinkText") : t("manageLinkTextClosed")}</p>
      </section>
    </>
  );
}
