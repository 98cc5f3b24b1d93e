import { ClientMessages } from "@/components/site/client-messages";
import { SiteFooter } from "@/components/site/site-footer";
import { SiteHeader } from "@/components/site/site-header";
import { OfficeProvider } from "@/components/ui/office-context";
import { officeSettings } from "@/lib/services/office";

export default function PublicLayout({ children }: { children: React.ReactNode }) {
  const settings = officeSettings();
  return (
    <OfficeProvider phone={settings.contactPhone}>
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        <div className="container page">
          <ClientMessages area="public">{children}</ClientMessages>
        </div>
      </main>
      <SiteFooter />
    </OfficeProvider>
  );
}
