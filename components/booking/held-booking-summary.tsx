import { getTranslations } from "next-intl/server";
import type { Language } from "@/lib/domain/enums";
import { formatDateTime } from "@/lib/i18n/format";
import type { BookingDetails } from "@/lib/services/booking-details";

/** A booking held until the citizen confirms it: the appointment, and the deadline said in text (WCAG 2.2.1). */
export async function HeldBookingSummary({ details, language, showDeadline }: { details: BookingDetails; language: Language; showDeadline: boolean }) {
  const t = await getTranslations("booking.confirmationHold");
  const { booking, location, items } = details;
  const tz = location.timeZone;
  return (
    <>
      {showDeadline && booking.heldUntil && (
        <p className="notice" role="status">
          {t("deadline", { deadline: formatDateTime(booking.heldUntil, language, tz) })}
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
        <dt>{t("reference")}</dt>
        <dd>{booking.referenceCode}</dd>
      </dl>
    </>
  );
}
