import { getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import Link from "next/link";
import { getEnv } from "@/lib/env";
import { getLanguage } from "@/lib/i18n/server";
import { officeSettings } from "@/lib/services/office";

/** The citizen-facing header: office name, main navigation, language switch and, in the demo, a clear banner. */
export async function SiteHeader() {
  const [t, language, headerStore] = await Promise.all([getTranslations("shell"), getLanguage(), headers()]);
  const settings = await officeSettings();
  const currentPath = headerStore.get("x-request-path") ?? "/";
  const otherLanguage = language === "de" ? "en" : "de";
  const switchHref = `/sprache?zu=${otherLanguage}&zurueck=${encodeURIComponent(currentPath)}`;
  const isDemo = getEnv().isDemo;

  return (
    <>
      <a className="skip-link" href="#main">
        {t("skipLink")}
      </a>
      <header className="site-header">
        <div className="container site-header__inner">
          <Link href="/" className="site-header__brand">
            <span className="site-header__town">{settings.operatorName}</span>
            <span className="site-header__office">{settings.officeName}</span>
          </Link>
          <nav className="site-nav" aria-label={t("mainNav")}>
            <ul>
              <li>
                <Link href="/termin" aria-current={currentPath.startsWith("/termin") ? "page" : undefined}>
                  {t("navBook")}
                </Link>
              </li>
              <li>
                <Link href="/leichte-sprache" aria-current={currentPath.startsWith("/leichte-sprache") ? "page" : undefined}>
                  {t("navEasy")}
                </Link>
              </li>
              <li className="language-switch">
                <a href={switchHref} lang={otherLanguage} hrefLang={otherLanguage}>
                  <span className="visually-hidden">{t("languageLabel")}: </span>
                  {t("switchTo")}
                </a>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      {isDemo && (
        <div className="demo-banner" role="note">
          <div className="container">
            <p>
              <strong>Demo.</strong> {t("demoBanner")} <Link href="/dev/postausgang">{t("demoOutbox")}</Link>
            </p>
          </div>
        </div>
      )}
    </>
  );
}
