import { OfficeProvider } from "@/components/ui/office-context";
import { getDb } from "@/db/client";
import { getSettings } from "@/db/queries/settings";

export const metadata = { robots: { index: false, follow: false } };

export default function StaffRootLayout({ children }: { children: React.ReactNode }) {
  return <OfficeProvider phone={getSettings(getDb()).contactPhone}>{children}</OfficeProvider>;
}
