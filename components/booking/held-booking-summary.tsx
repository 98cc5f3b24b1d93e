import { getTranslations } from "next-intl/server";
import type { Language } from "@/lib/domain/enums";
import { formatDateTime } from "@/lib/i18n/format";
import type { BookingDetails } from "@/lib/services/booking-details";

/**
 * A held time (a waiting-list offer, or a booking waiting for its confirmation): the deadline said in text (WCAG
 * 2.2.1), then when, where and for what. Each kind of hold words it from its own messages (`held`/`deadline`, `when`,
 * `where`, `concerns`, and `reference` where the booking number is shown).
 */
export async function HeldBookingSummary({
  details,
  language,
  messages,
}: {
  details: BookingDetails;
  language: Language;
  messages: { namespace: "waitingList.offer"; deadlineKey: "held" } | { namespace: "booking.confirmationHold"; deadlineKey: "deadline"; withReference: true };
}) {
  const t = (await getTranslations(messages.namespace)) as unknown as (key: string, values?: Record<string, string>) => string;
  const { booking, location, items } = details;
  const tz = location.timeZone;
  const withReference = "withReference" in messages;
  return (
    <>
      {booking.heldUntil && (
        // The confirmation hold's notice is the news on its page; the offer's sits under its own heading.
        <p className="notice" role={withReference ? "status" : undefined}>
          {t(messages.deadlineKey, { deadline: formatDateTime(booking.heldUntil, language, tz) })}
        </p>
      )}
      <dl className="summary-list">
        <dt>{t("when")}</dt>
        <dd>{formatDateTime(booking.startsAt, language, tz)}</dd>
        <dt>{t("where")}</dt>
        <dd>
          {location.name}, {location.street}, {location.postalCode} {location.city}
        </dd>
        <dt>{t("concerns")}</dt>
        <dd>
          <ul>
            {items.map((item) => (
              <li key={item.concernId}>
                {item.quantity} × {item.name}
              </li>
            ))}
          </ul>
        </dd>
        {withReference && (
          <>
            <dt>{t("reference")}</dt>
            <dd>{booking.referenceCode}</dd>
          </>
        )}
      </dl>
    </>
  );
}
