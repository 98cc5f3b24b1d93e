import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import type { ReactNode } from "react";
import { officeSettings } from "@/lib/services/office";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("legal");
  return { title: t("accessibility.title") };
}

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, "")}`;
}

const DONE = ["keyboard", "slots", "contrast", "zoom", "languages"] as const;

export default async function AccessibilityStatementPage() {
  const t = await getTranslations("legal");
  const settings = await officeSettings();
  const phone = settings.contactPhone;
  const feedbackEmail = settings.accessibilityContactEmail.trim() || settings.contactEmail;

  const tags = {
    strong: (chunks: ReactNode) => <strong>{chunks}</strong>,
    tel: (chunks: ReactNode) => <a href={telHref(phone)}>{chunks}</a>,
    link: (chunks: ReactNode) => <Link href="/leichte-sprache">{chunks}</Link>,
  };

  return (
    <div className="reading">
      <h1>{t("accessibility.title")}</h1>
      <p className="muted">{t("accessibility.asOf")}</p>
      <p className="lead">{t("accessibility.intro")}</p>

      <section aria-labelledby="a11y-scope">
        <h2 id="a11y-scope">{t("accessibility.scopeTitle")}</h2>
        <p>{t("accessibility.scopeText", { office: settings.officeName })}</p>
      </section>

      <section aria-labelledby="a11y-status">
        <h2 id="a11y-status">{t("accessibility.statusTitle")}</h2>
        <p>{t.rich("accessibility.statusText", tags)}</p>
      </section>

      <section aria-labelledby="a11y-barriers">
        <h2 id="a11y-barriers">{t("accessibility.barriersTitle")}</h2>
        <ul>
          <li>{t.rich("accessibility.barriersPdf", tags)}</li>
        </ul>
        <p>{t.rich("accessibility.barriersAlternative", { ...tags, office: settings.officeName, phone })}</p>
        <p>{t("accessibility.barriersPlan")}</p>
      </section>

      <section aria-labelledby="a11y-done">
        <h2 id="a11y-done">{t("accessibility.doneTitle")}</h2>
        <ul>
          {DONE.map((item) => (
            <li key={item}>{t.rich(`accessibility.done.${item}`, tags)}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="a11y-creation">
        <h2 id="a11y-creation">{t("accessibility.creationTitle")}</h2>
        <p>{t("accessibility.creationText")}</p>
        <p>{t("accessibility.creationTests")}</p>
      </section>

      <section aria-labelledby="a11y-feedback">
        <h2 id="a11y-feedback">{t("accessibility.feedbackTitle")}</h2>
        <p>{t("accessibility.feedbackText")}</p>
        <dl className="summary-list">
          <dt>{t("email")}</dt>
          <dd>
            <a href={`mailto:${feedbackEmail}`}>{feedbackEmail}</a>
          </dd>
          <dt>{t("phone")}</dt>
          <dd>
            <a href={telHref(phone)}>{phone}</a>
          </dd>
        </dl>
        <p>{t("accessibility.feedbackAnswer")}</p>
      </section>

      <section aria-labelledby="a11y-arbitration">
        <h2 id="a11y-arbitration">{t("accessibility.arbitrationTitle")}</h2>
        <p>{t("accessibility.arbitrationText")}</p>
        <p>{t("accessibility.arbitrationPurpose")}</p>
        <p>{t("accessibility.arbitrationContact")}</p>
      </section>
    </div>
  );
}
