import { ClientMessages } from "@/components/site/client-messages";
import { OfficeProvider } from "@/components/ui/office-provider";
import { officeSettings } from "@/lib/services/office";

export const metadata = { robots: { index: false, follow: false } };

export default async function StaffRootLayout({ children }: { children: React.ReactNode }) {
  return (
    <OfficeProvider phone={(await officeSettings()).contactPhone}>
      <ClientMessages area="staff">{children}</ClientMessages>
    </OfficeProvider>
  );
}
