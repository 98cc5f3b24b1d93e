import { getTranslations } from "next-intl/server";
import type { BookingDetails } from "@/lib/services/booking-details";
import type { Language } from "@/lib/domain/enums";
import { formatDateTime } from "@/lib/i18n/format";

/** The offered time, where and for what, and until when it is held (WCAG 2.2.1: the deadline is said in text). */
export async function OfferSummary({ details, language }: { details: BookingDetails; language: Language }) {
  const t = await getTranslations("waitingList.offer");
  const { booking, location, items } = details;
  const tz = location.timeZone;
  return (
    <>
      <p className="notice">{t("held", { deadline: formatDateTime(booking.heldUntil!, language, tz) })}</p>
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
      </dl>
    </>
  );
}
