import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { FocusHeading } from "@/components/ui/focus-heading";
import { ConfirmActionForm } from "@/components/ui/confirm-action-form";
import { loadManagedBooking } from "@/lib/booking-flow/manage";
import { formatDateTime } from "@/lib/i18n/format";
import { cancelAction } from "../actions";

export async function generateMetadata() {
  const t = await getTranslations("booking.manage");
  return { title: t("cancelTitle"), robots: { index: false, follow: false } };
}

export default async function CancelPage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token, language, details, rules }, t] = await Promise.all([loadManagedBooking(params), getTranslations("booking.manage")]);
  const back = `/termin/verwalten/${token}`;
  if (!rules.canChange) redirect(back);
  return (
    <div className="reading">
      <Link href={back} className="back-link">
        {t("cancelKeep")}
      </Link>
      <FocusHeading>{t("cancelTitle")}</FocusHeading>
      <p>{t("cancelText", { dateTime: formatDateTime(details.booking.startsAt, language, details.location.timeZone) })}</p>
      {/* The reminder e-mail links here: the page says which appointment, and only the button below cancels it. */}
      <dl className="summary-list">
        <dt>{t("reference")}</dt>
        <dd>
          <span className="reference-code">{details.booking.referenceCode}</span>
        </dd>
        <dt>{t("where")}</dt>
        <dd>
          {details.location.name}
          <br />
          {details.location.street}, {details.location.postalCode} {details.location.city}
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
      </dl>
      <div className="button-group">
        <ConfirmActionForm action={cancelAction} hidden={{ token }} label={t("cancelConfirm")} danger />
        <Link href={back}>{t("cancelKeep")}</Link>
      </div>
    </div>
  );
}
