import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { HeldBookingSummary } from "@/components/booking/held-booking-summary";
import { FocusHeading } from "@/components/ui/focus-heading";
import { getLanguage } from "@/lib/i18n/server";
import { loadBookingDetails } from "@/lib/services/booking-details";
import { findBookingOrHoldByToken } from "@/lib/services/bookings";
import { appContext } from "@/lib/services/context";

export async function generateMetadata() {
  const t = await getTranslations("booking.confirmationHold");
  return { title: t("heldTitle"), robots: { index: false, follow: false } };
}

/**
 * Where the booking flow lands when online bookings need confirming (double opt-in): the time is held, and the page
 * says until when and where the link went. No button here: confirming proves the mailbox, so it happens from the mail.
 */
export default async function HeldBookingPage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token }, t, language, context] = await Promise.all([params, getTranslations("booking.confirmationHold"), getLanguage(), appContext()]);
  const booking = await findBookingOrHoldByToken(context.db, token);
  if (!booking || (booking.holdPurpose !== "confirmation" && booking.status !== "booked")) notFound();
  // Confirmed meanwhile (in the mail, perhaps on another device): the booking's own page.
  if (booking.status === "booked") redirect(`/termin/verwalten/${token}?gebucht=1`);
  const open = booking.status === "held" && booking.heldUntil !== null && booking.heldUntil.getTime() > context.now().getTime();
  return (
    <div className="reading">
      <FocusHeading>{open ? t("heldTitle") : t("lapsedTitle")}</FocusHeading>
      {open ? (
        <>
          <p className="lead">{t("heldLead", { email: booking.email ?? "" })}</p>
          <HeldBookingSummary details={await loadBookingDetails(context.db, booking, language)} language={language} messages={{ namespace: "booking.confirmationHold", deadlineKey: "deadline", withReference: true }} />
          <p>{t("heldNoMail")}</p>
        </>
      ) : (
        <>
          <p>{t("lapsedText")}</p>
          <p>
            <Link href="/termin" className="button">
              {t("bookAgain")}
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
