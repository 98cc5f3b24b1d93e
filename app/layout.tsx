import type { Metadata, Viewport } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import "./globals.css";
import { formCameBackWithErrors } from "@/lib/actions/form-error-title";
import { officeSettings } from "@/lib/services/office";

export async function generateMetadata(): Promise<Metadata> {
  const [t, tCommon, hasErrors] = await Promise.all([getTranslations("meta"), getTranslations("common"), formCameBackWithErrors()]);
  const office = (await officeSettings()).officeName;
  // With JavaScript the error summary adds the prefix in the browser; this is the answer to a form posted without.
  const prefix = hasErrors ? tCommon("errorTitlePrefix") : "";
  return {
    title: { default: prefix + t("siteTitle", { office }), template: `${prefix}%s – ${office}` },
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
