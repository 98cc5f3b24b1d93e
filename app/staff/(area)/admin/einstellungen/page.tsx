import { getTranslations } from "next-intl/server";
import { ActionNotice } from "@/components/admin/catalogue/action-notice";
import { SettingsForm } from "@/components/admin/catalogue/settings-form";
import { getSettings } from "@/db/queries/settings";
import { requireStaffPage } from "@/lib/auth/staff";
import { settingsFormValues } from "@/lib/services/admin/settings";
import { updateSettingsAction } from "./actions";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata() {
  const t = await getTranslations("adminCatalogue.settings");
  return { title: t("title") };
}

export default async function SettingsPage({ searchParams }: Props) {
  const access = await requireStaffPage("admin");
  const [t, query] = await Promise.all([getTranslations("adminCatalogue.settings"), searchParams]);
  return (
    <>
      <h1>{t("title")}</h1>
      <ActionNotice value={query.hinweis} text={t("saved")} />
      <p className="reading">{t("intro")}</p>
      <div className="reading">
        <SettingsForm action={updateSettingsAction} defaults={settingsFormValues(await getSettings(access.db))} />
      </div>
    </>
  );
}
