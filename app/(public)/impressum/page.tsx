import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { officeSettings } from "@/lib/services/office";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("legal");
  return { title: t("imprint.title") };
}

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, "")}`;
}

export default async function ImprintPage() {
  const t = await getTranslations("legal");
  const settings = await officeSettings();
  const vatId = settings.vatId.trim();
  const representative = settings.operatorRepresentative.trim();

  return (
    <div className="reading">
      <h1>{t("imprint.title")}</h1>

      <section aria-labelledby="imprint-provider">
        <h2 id="imprint-provider">{t("imprint.provider")}</h2>
        <p>{t("imprint.lead", { office: settings.officeName })}</p>
        <address>
          <strong>{settings.operatorName}</strong>
          <br />
          {settings.operatorStreet}
          <br />
          {settings.operatorPostalCode} {settings.operatorCity}
        </address>
        <dl className="summary-list">
          {representative !== "" && (
            <>
              <dt>{t("imprint.representedBy")}</dt>
              <dd>{representative}</dd>
            </>
          )}
          <dt>{t("imprint.phone")}</dt>
          <dd>
            <a href={telHref(settings.contactPhone)}>{settings.contactPhone}</a>
          </dd>
          <dt>{t("imprint.email")}</dt>
          <dd>
            <a href={`mailto:${settings.contactEmail}`}>{settings.contactEmail}</a>
          </dd>
          {vatId !== "" && (
            <>
              <dt>{t("imprint.vatId")}</dt>
              <dd>{vatId}</dd>
            </>
          )}
        </dl>
      </section>

      {representative !== "" && (
        <section aria-labelledby="imprint-responsible">
          <h2 id="imprint-responsible">{t("imprint.responsibleTitle")}</h2>
          <p>{t("imprint.responsibleText")}</p>
          <p>
            {representative}
            <br />
            {settings.operatorName}, {t("imprint.sameAddress")}
          </p>
        </section>
      )}

      <section aria-labelledby="imprint-more">
        <h2 id="imprint-more">{t("imprint.moreTitle")}</h2>
        <ul>
          <li>
            <Link href="/datenschutz">{t("imprint.privacyLink")}</Link>
          </li>
          <li>
            <Link href="/barrierefreiheit">{t("imprint.accessibilityLink")}</Link>
          </li>
          <li>
            <Link href="/leichte-sprache">{t("imprint.easyLink")}</Link>
          </li>
        </ul>
      </section>
    </div>
  );
}
