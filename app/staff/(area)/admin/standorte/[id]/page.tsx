import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { LocationForm } from "@/components/admin/catalogue/location-form";
import { parseRecordId } from "@/components/admin/catalogue/page-helpers";
import { requireStaffPage, staffAccessWithRole } from "@/lib/auth/staff";
import { getLanguage } from "@/lib/i18n/server";
import { findLocationForAdmin, locationFormValues } from "@/lib/services/admin/locations";
import { updateLocationAction } from "../actions";
import { federalStateOptions } from "../federal-states";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props) {
  const [{ id }, t] = await Promise.all([params, getTranslations("adminCatalogue.locations")]);
  const parsed = parseRecordId(id);
  // Only an admin gets a title naming the record (an inactive concern's name is not public), everyone else a generic one.
  const access = parsed === null ? null : await staffAccessWithRole("admin");
  const location = access && parsed !== null ? await findLocationForAdmin(access, parsed) : undefined;
  return { title: location ? t("editTitle", { name: location.name }) : t("title") };
}

export default async function EditLocationPage({ params }: Props) {
  const { id } = await params;
  const access = await requireStaffPage("admin");
  const parsed = parseRecordId(id);
  const location = parsed === null ? undefined : await findLocationForAdmin(access, parsed);
  if (!location) notFound();
  const [t, language] = await Promise.all([getTranslations("adminCatalogue.locations"), getLanguage()]);
  return (
    <>
      <Link className="back-link" href="/staff/admin/standorte">
        {t("backToList")}
      </Link>
      <h1>{t("editTitle", { name: location.name })}</h1>
      <div className="reading">
        <LocationForm
          action={updateLocationAction}
          defaults={locationFormValues(location)}
          recordId={location.id}
          federalStates={federalStateOptions(language)}
          submitLabel={t("submitEdit")}
          cancelHref="/staff/admin/standorte"
          cancelLabel={t("backToList")}
        />
      </div>
    </>
  );
}
