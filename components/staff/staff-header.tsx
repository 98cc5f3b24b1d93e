import { getTranslations } from "next-intl/server";
import { headers } from "next/headers";
import Link from "next/link";
import { signOutAction } from "@/app/staff/sign-out";
import type { StaffAccess } from "@/lib/auth/staff-access";
import { getLanguage } from "@/lib/i18n/server";

type NavItem = { href: string; label: string; adminOnly?: boolean };

export async function StaffHeader({ staff }: { staff: Pick<StaffAccess, "user"> | null }) {
  const [t, language, headerStore] = await Promise.all([getTranslations("staff.shell"), getLanguage(), headers()]);
  const currentPath = headerStore.get("x-request-path") ?? "/staff";
  const pathOnly = currentPath.split("?")[0]!;
  const otherLanguage = language === "de" ? "en" : "de";
  const items: NavItem[] = [
    { href: "/staff", label: t("day") },
    { href: "/staff/woche", label: t("week") },
    { href: "/staff/telefon", label: t("phone") },
    { href: "/staff/kapazitaet", label: t("capacity") },
    { href: "/staff/schliessungen", label: t("closures") },
    { href: "/staff/warteliste", label: t("waitingList") },
    { href: "/staff/admin/einrichtung", label: t("setup"), adminOnly: true },
    { href: "/staff/admin/anliegen", label: t("concerns"), adminOnly: true },
    { href: "/staff/admin/standorte", label: t("locations"), adminOnly: true },
    { href: "/staff/admin/warteschlange", label: t("queue"), adminOnly: true },
    { href: "/staff/admin/konten", label: t("accounts"), adminOnly: true },
    { href: "/staff/admin/api-schluessel", label: t("apiKeys"), adminOnly: true },
    { href: "/staff/admin/einstellungen", label: t("settings"), adminOnly: true },
    { href: "/staff/admin/statistik", label: t("statistics"), adminOnly: true },
    { href: "/staff/admin/protokoll", label: t("audit"), adminOnly: true },
  ];
  const visible = staff ? items.filter((item) => !item.adminOnly || staff.user.role === "admin") : [];
  const isCurrent = (href: string) => (href === "/staff" ? pathOnly === "/staff" : pathOnly.startsWith(href));

  return (
    <>
      <a className="skip-link" href="#main">
        {language === "de" ? "Zum Inhalt springen" : "Skip to main content"}
      </a>
      <header className="staff-header">
        <div className="container site-header__inner">
          <Link href={staff ? "/staff" : "/"} className="site-header__brand">
            <span className="site-header__office">{t("area")}</span>
          </Link>
          <div className="toolbar" style={{ marginBottom: 0 }}>
            {staff && (
              <span className="small">
                {t("signedInAs", { name: staff.user.name, role: t(`role.${staff.user.role}`) })}
              </span>
            )}
            <a className="small" href={`/sprache?zu=${otherLanguage}&zurueck=${encodeURIComponent(currentPath)}`} lang={otherLanguage} hrefLang={otherLanguage}>
              {otherLanguage === "en" ? "English" : "Deutsch"}
            </a>
            {staff ? (
              <form action={signOutAction}>
                <button type="submit" className="link-button">
                  {t("signOut")}
                </button>
              </form>
            ) : (
              <Link className="small" href="/">
                {t("publicSite")}
              </Link>
            )}
          </div>
        </div>
        {visible.length > 0 && (
          <nav className="container site-nav" aria-label={t("nav")} style={{ paddingBottom: "0.75rem" }}>
            <ul>
              {visible.map((item) => (
                <li key={item.href}>
                  <Link href={item.href} aria-current={isCurrent(item.href) ? "page" : undefined}>
                    {item.label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
    </>
  );
}
