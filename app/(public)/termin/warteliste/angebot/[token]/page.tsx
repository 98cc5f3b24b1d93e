import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { ConfirmActionForm } from "@/components/ui/confirm-action-form";
import { FocusHeading } from "@/components/ui/focus-heading";
import { HeldBookingSummary } from "@/components/booking/held-booking-summary";
import { getLanguage } from "@/lib/i18n/server";
import { loadBookingDetails } from "@/lib/services/booking-details";
import { appContext } from "@/lib/services/context";
import { findOpenOffer } from "@/lib/services/waiting-list/offers";
import { acceptAction } from "../../actions";

export async function generateMetadata() {
  const t = await getTranslations("waitingList.offer");
  return { title: t("title"), robots: { index: false, follow: false } };
}

/** The offer's accept link opens this page; only its button (a POST) books: mail scanners follow links. */
export default async function AcceptOfferPage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token }, t, language, context] = await Promise.all([params, getTranslations("waitingList.offer"), getLanguage(), appContext()]);
  const offer = await findOpenOffer(context.db, token, context.now());
  if (!offer) {
    return (
      <div className="reading">
        <FocusHeading>{t("title")}</FocusHeading>
        <p>{t("gone")}</p>
      </div>
    );
  }
  return (
    <div className="reading">
      <FocusHeading>{t("title")}</FocusHeading>
      <HeldBookingSummary details={await loadBookingDetails(context.db, offer, language)} language={language} messages={{ namespace: "waitingList.offer", deadlineKey: "held" }} />
      <ConfirmActionForm action={acceptAction} hidden={{ token }} label={t("accept")} />
      <p>
        <Link href={`/termin/warteliste/angebot/${token}/ablehnen`}>{t("toDecline")}</Link>
      </p>
    </div>
  );
}
