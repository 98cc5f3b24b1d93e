import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { LocationForm } from "@/components/admin/catalogue/location-form";
import { requireStaffPage } from "@/lib/auth/staff";
import { getLanguage } from "@/lib/i18n/server";
import { locationFormValues } from "@/lib/services/admin/locations";
import { createLocationAction } from "../actions";
import { federalStateOptions } from "../federal-states";

export async function generateMetadata() {
  const t = await getTranslations("adminCatalogue.locations");
  return { title: t("newTitle") };
}

export default async function NewLocationPage() {
  await requireStaffPage("admin");
  const [t, language] = await Promise.all([getTranslations("adminCatalogue.locations"), getLanguage()]);
  return (
    <>
      <Link className="back-link" href="/staff/admin/standorte">
        {t("backToList")}
      </Link>
      <h1>{t("newTitle")}</h1>
      <div className="reading">
        <LocationForm
          action={createLocationAction}
          defaults={locationFormValues(null)}
          federalStates={federalStateOptions(language)}
          submitLabel={t("submitNew")}
          cancelHref="/staff/admin/standorte"
          cancelLabel={t("backToList")}
        />
      </div>
    </>
  );
}
