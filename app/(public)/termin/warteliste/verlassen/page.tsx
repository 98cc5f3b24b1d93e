import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { FocusHeading } from "@/components/ui/focus-heading";

export async function generateMetadata() {
  const t = await getTranslations("waitingList.leave");
  return { title: t("doneTitle"), robots: { index: false, follow: false } };
}

/** Where leaving ends: the entry and its token are gone, so this page names none. */
export default async function LeftWaitingListPage() {
  const [t, tBooking] = await Promise.all([getTranslations("waitingList.leave"), getTranslations("booking.manage")]);
  return (
    <div className="reading">
      <FocusHeading>{t("doneTitle")}</FocusHeading>
      <p>{t("done")}</p>
      <p>
        <Link href="/termin">{tBooking("bookAgain")}</Link>
      </p>
    </div>
  );
}
