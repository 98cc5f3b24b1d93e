import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { officeSettings } from "@/lib/services/office";

export async function SiteFooter() {
  const t = await getTranslations("shell");
  const settings = await officeSettings();
  return (
    <footer className="site-footer">
      <div className="container site-footer__inner">
        <nav aria-label={t("footerNav")}>
          <ul>
            <li>
              <Link href="/datenschutz">{t("privacy")}</Link>
            </li>
            <li>
              <Link href="/impressum">{t("imprint")}</Link>
            </li>
            <li>
              <Link href="/barrierefreiheit">{t("accessibility")}</Link>
            </li>
            <li>
              <Link href="/leichte-sprache">{t("easyLanguage")}</Link>
            </li>
            <li>
              <Link href="/api-dokumentation">{t("api")}</Link>
            </li>
            <li>
              <Link href="/staff/login">{t("staffLogin")}</Link>
            </li>
          </ul>
        </nav>
        <p className="muted">
          {t("footerNote", {
            office: settings.officeName,
            street: settings.operatorStreet,
            postalCode: settings.operatorPostalCode,
            city: settings.operatorCity,
            phone: settings.contactPhone,
          })}
        </p>
      </div>
    </footer>
  );
}
