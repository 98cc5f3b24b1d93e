import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { HeldBookingSummary } from "@/components/booking/held-booking-summary";
import { ConfirmActionForm } from "@/components/ui/confirm-action-form";
import { FocusHeading } from "@/components/ui/focus-heading";
import { getLanguage } from "@/lib/i18n/server";
import { findByConfirmationToken } from "@/lib/services/booking-confirmation";
import { loadBookingDetails } from "@/lib/services/booking-details";
import { appContext } from "@/lib/services/context";
import { deriveManageToken } from "@/lib/booking-tokens";
import { confirmBookingAction } from "../actions";

export async function generateMetadata() {
  const t = await getTranslations("booking.confirmationHold");
  return { title: t("confirmTitle"), robots: { index: false, follow: false } };
}

/** The confirmation link of a held online booking opens this page; only its button (a POST) confirms. */
export default async function ConfirmBookingPage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token }, t, language, context] = await Promise.all([params, getTranslations("booking.confirmationHold"), getLanguage(), appContext()]);
  const found = await findByConfirmationToken(context.db, context.secret, token, context.now());
  if (!found) notFound();
  if (found.state === "confirmed") redirect(`/termin/verwalten/${deriveManageToken(context.secret, found.booking.linkNonce!)}`);
  if (found.state === "lapsed") {
    return (
      <div className="reading">
        <FocusHeading>{t("lapsedTitle")}</FocusHeading>
        <p>{t("lapsedText")}</p>
        <p>
          <Link href="/termin" className="button">
            {t("bookAgain")}
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="reading">
      <FocusHeading>{t("confirmTitle")}</FocusHeading>
      <HeldBookingSummary details={await loadBookingDetails(context.db, found.booking, language)} language={language} messages={{ namespace: "booking.confirmationHold", deadlineKey: "deadline", withReference: true }} />
      <ConfirmActionForm action={confirmBookingAction} hidden={{ token }} label={t("confirmButton")} />
    </div>
  );
}
