import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { SiteFooter } from "@/components/site/site-footer";
import { SiteHeader } from "@/components/site/site-header";

export default async function NotFound() {
  const t = await getTranslations("notFound");
  return (
    <>
      <SiteHeader />
      <main id="main" tabIndex={-1}>
        <div className="container page reading">
          <h1>{t("title")}</h1>
          <p>{t("text")}</p>
          <p>
            <Link href="/">{t("home")}</Link>
          </p>
        </div>
      </main>
      <SiteFooter />
    </>
  );
}
