import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { getDb } from "@/db/client";
import { getSettings } from "@/db/queries/settings";

export default async function BookingNotFound() {
  const t = await getTranslations("booking.manage");
  const settings = getSettings(getDb());
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
