import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { FocusHeading } from "@/components/ui/focus-heading";
import { ConfirmActionForm } from "@/components/ui/confirm-action-form";
import { loadManagedBooking } from "@/lib/booking-flow/manage";
import { deleteDataAction } from "../actions";

export async function generateMetadata() {
  const t = await getTranslations("booking.manage");
  return { title: t("deleteTitle"), robots: { index: false, follow: false } };
}

export default async function DeleteDataPage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token }, t] = await Promise.all([loadManagedBooking(params), getTranslations("booking.manage")]);
  const back = `/termin/verwalten/${token}`;
  return (
    <div className="reading">
      <Link href={back} className="back-link">
        {t("title")}
      </Link>
      <FocusHeading>{t("deleteTitle")}</FocusHeading>
      <p>{t("deleteText")}</p>
      <ConfirmActionForm action={deleteDataAction} hidden={{ token }} label={t("deleteConfirm")} danger />
    </div>
  );
}
