import type { Metadata, Viewport } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import "./globals.css";
import { officeSettings } from "@/lib/services/office";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meta");
  const office = officeSettings().officeName;
  return {
    title: { default: t("siteTitle", { office }), template: `%s – ${office}` },
    description: t("description", { office }),
    robots: { index: true, follow: true },
    formatDetection: { telephone: false },
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  return (
    <html lang={locale}>
      <body>
        {/* No NextIntlClientProvider here: each area's layout gives its client components the messages they use
            (components/site/client-messages.tsx), and pages without translated client components load no
            translation code at all. */}
        {children}
      </body>
    </html>
  );
}
