import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { ResendEmailForm } from "@/components/staff/resend-email-form";
import { requireStaffPage } from "@/lib/auth/staff";
import { formatDateTime } from "@/lib/i18n/format";
import { getLanguage } from "@/lib/i18n/server";
import { listUndelivered } from "@/lib/services/staff/undelivered";
import { resendEmailAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("staff.undelivered");
  return { title: t("title") };
}

/**
 * Confirmations the outbox gave up on, for bookings that still stand: staff send them again (with a fresh manage
 * link, optionally to a corrected address) or phone the citizen. Linked from the day view's notice.
 */
export default async function UndeliveredPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const access = await requireStaffPage();
  const [query, t, language] = await Promise.all([searchParams, getTranslations("staff"), getLanguage()]);
  const entries = await listUndelivered(access);

  return (
    <>
      <Link href="/staff" className="back-link">
        {t("booking.back")}
      </Link>
      {query.gesendet === "1" && (
        <div className="notice notice--success" role="status">
          <p>{t("undelivered.resent")}</p>
        </div>
      )}
      <h1>{t("undelivered.title")}</h1>
      <p>{t("undelivered.intro")}</p>
      {entries.length === 0 ? (
        <p>{t("undelivered.none")}</p>
      ) : (
        <ul className="stack" style={{ listStyle: "none", paddingLeft: 0 }}>
          {entries.map((entry) => {
            const { booking } = entry;
            const tz = booking.timeZone;
            const heading = `${t("day.reference", { code: booking.referenceCode })} · ${booking.citizenName || t("common.none")}`;
            return (
              <li key={entry.outboxId} className="card">
                <h2>
                  <Link href={`/staff/termine/${booking.id}`}>{heading}</Link>
                </h2>
                <dl className="summary-list">
                  <dt>{t("undelivered.recipient")}</dt>
                  <dd>{entry.recipient}</dd>
                  <dt>{t("undelivered.kind")}</dt>
                  <dd>{t(`undelivered.kindValue.${entry.kind}`)}</dd>
                  <dt>{t("booking.when")}</dt>
                  <dd>
                    {formatDateTime(booking.startsAt, language, tz)} · {booking.locationName}
                  </dd>
                  <dt>{t("undelivered.reason")}</dt>
                  <dd>{t(`undelivered.reasonValue.${entry.reason}`)}</dd>
                  <dt>{t("undelivered.failedAt")}</dt>
                  <dd>{formatDateTime(entry.failedAt, language, tz)}</dd>
                </dl>
                <ResendEmailForm action={resendEmailAction} outboxId={entry.outboxId} bookingLabel={heading} />
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
