import { getTranslations } from "next-intl/server";
import { ErrorTextsProvider } from "@/components/site/error-texts";
import { SiteFooter } from "@/components/site/site-footer";
import { SiteHeader } from "@/components/site/site-header";
import { OfficeProvider } from "@/components/ui/office-provider";
import { officeSettings } from "@/lib/services/office";

/**
 * Citizen pages. No messages for client components here: home and the information pages have no translated client
 * components, so they load no translation code; the booking flow's layout (termin/layout.tsx) provides its own.
 */
export default async function PublicLayout({ children }: { children: React.ReactNode }) {
  const settings = await officeSettings();
  const t = await getTranslations("errorPage");
  return (
    <OfficeProvider phone={settings.contactPhone}>
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        <div className="container page">
          <ErrorTextsProvider texts={{ title: t("title"), text: t("text"), retry: t("retry") }}>{children}</ErrorTextsProvider>
        </div>
      </main>
      <SiteFooter />
    </OfficeProvider>
  );
}
