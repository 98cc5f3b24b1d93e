import { getTranslations } from "next-intl/server";
import { ConfirmActionForm } from "@/components/ui/confirm-action-form";
import { FocusHeading } from "@/components/ui/focus-heading";
import { HeldBookingSummary } from "@/components/booking/held-booking-summary";
import { getLanguage } from "@/lib/i18n/server";
import { loadBookingDetails } from "@/lib/services/booking-details";
import { appContext } from "@/lib/services/context";
import { findOpenOffer } from "@/lib/services/waiting-list/offers";
import { declineAction } from "../../../actions";

export async function generateMetadata() {
  const t = await getTranslations("waitingList.offer");
  return { title: t("declineTitle"), robots: { index: false, follow: false } };
}

export default async function DeclineOfferPage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token }, t, language, context] = await Promise.all([params, getTranslations("waitingList.offer"), getLanguage(), appContext()]);
  const offer = await findOpenOffer(context.db, token, context.now());
  if (!offer) {
    return (
      <div className="reading">
        <FocusHeading>{t("declineTitle")}</FocusHeading>
        <p>{t("gone")}</p>
      </div>
    );
  }
  return (
    <div className="reading">
      <FocusHeading>{t("declineTitle")}</FocusHeading>
      <HeldBookingSummary details={await loadBookingDetails(context.db, offer, language)} language={language} messages={{ namespace: "waitingList.offer", deadlineKey: "held" }} />
      <p>{t("declineText")}</p>
      <ConfirmActionForm action={declineAction} hidden={{ token }} label={t("decline")} danger />
      <ConfirmActionForm action={declineAction} hidden={{ token, verlassen: "1" }} label={t("declineAndLeave")} variant="secondary" />
    </div>
  );
}
