import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { selectionHref, type SelectedItem } from "@/lib/booking-flow/selection";

/** Where no time fits: the way onto the waiting list, carrying the chosen concerns and location. */
export async function WaitingListJoinLink({ items, location }: { items: SelectedItem[]; location: string }) {
  const t = await getTranslations("waitingList");
  return (
    <p className="reading">
      {t("joinHint")} <Link href={selectionHref("/termin/warteliste", { items, location })}>{t("joinLink")}</Link>
    </p>
  );
}
