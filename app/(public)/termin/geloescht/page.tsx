import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { FocusHeading } from "@/components/ui/focus-heading";

export async function generateMetadata() {
  const t = await getTranslations("booking.manage");
  return { title: t("deleteDone"), robots: { index: false, follow: false } };
}

export default async function DataDeletedPage() {
  const t = await getTranslations("booking.manage");
  return (
    <div className="reading">
      <FocusHeading>{t("deleteDone")}</FocusHeading>
      <p>{t("deleteDoneText")}</p>
      <p>
        <Link href="/termin">{t("bookAgain")}</Link>
      </p>
    </div>
  );
}
