import { SiteFooter } from "@/components/site/site-footer";
import { SiteHeader } from "@/components/site/site-header";
import { OfficeProvider } from "@/components/ui/office-context";
import { getDb } from "@/db/client";
import { getSettings } from "@/db/queries/settings";

export default function PublicLayout({ children }: { children: React.ReactNode }) {
  const settings = getSettings(getDb());
  return (
    <OfficeProvider phone={settings.contactPhone}>
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        <div className="container page">{children}</div>
      </main>
      <SiteFooter />
    </OfficeProvider>
  );
}
