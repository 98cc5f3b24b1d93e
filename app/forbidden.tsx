import { getTranslations } from "next-intl/server";
import Link from "next/link";

export default async function Forbidden() {
  const t = await getTranslations("staff.forbidden");
  return (
    <main id="main" tabIndex={-1}>
      <div className="container page reading">
        <h1>{t("title")}</h1>
        <p>{t("text")}</p>
        <p>
          <Link href="/staff">{t("back")}</Link>
        </p>
      </div>
    </main>
  );
}
