import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { officeSettings } from "@/lib/services/office";

export default async function BookingNotFound() {
  const t = await getTranslations("booking.manage");
  const settings = await officeSettings();
  return (
    <div className="reading">
      <h1>{t("notFoundTitle")}</h1>
      <p>{t("notFoundText", { phone: settings.contactPhone })}</p>
      <p>
        <Link href="/termin">{t("bookAgain")}</Link>
      </p>
    </div>
  );
}
