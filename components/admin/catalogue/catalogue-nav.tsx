import { getTranslations } from "next-intl/server";
import Link from "next/link";

export type CatalogueSection = "concerns" | "categories" | "documents" | "forms";

const LINKS: { section: CatalogueSection; href: string }[] = [
  { section: "concerns", href: "/staff/admin/anliegen" },
  { section: "categories", href: "/staff/admin/anliegen/kategorien" },
  { section: "documents", href: "/staff/admin/anliegen/unterlagen" },
  { section: "forms", href: "/staff/admin/anliegen/formulare" },
];

/** The four parts of the concern catalogue, one click apart; the current one is marked for screen readers too. */
export async function CatalogueNav({ current }: { current: CatalogueSection }) {
  const t = await getTranslations("adminCatalogue.nav");
  return (
    <nav className="site-nav" aria-label={t("label")} style={{ marginBottom: "var(--space-5)" }}>
      <ul>
        {LINKS.map((link) => (
          <li key={link.section}>
            <Link href={link.href} aria-current={link.section === current ? "page" : undefined}>
              {t(link.section)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
