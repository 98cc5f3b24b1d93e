import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import type { ReactNode } from "react";
import { formatDuration } from "@/lib/i18n/format";
import { getLanguage } from "@/lib/i18n/server";
import { officeSettings } from "@/lib/services/office";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("legal");
  return { title: t("easy.title") };
}

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, "")}`;
}

const STEPS = ["step1", "step2", "step3", "step4", "step5", "step6"] as const;

/**
 * Leichte Sprache (German) / easy read (English): one statement per line, so each message separates its sentences with
 * `<br></br>`; links and the phone number are rendered as real links.
 */
export default async function EasyLanguagePage() {
  const [t, language] = await Promise.all([getTranslations("legal"), getLanguage()]);
  const settings = await officeSettings();
  const phone = settings.contactPhone;
  const otherLanguage = language === "de" ? "en" : "de";

  const text = (key: string, href = "/", values: Record<string, string | number> = {}) =>
    t.rich(`easy.${key}`, {
      ...values,
      phone,
      email: settings.contactEmail,
      br: () => <br />,
      strong: (chunks: ReactNode) => <strong>{chunks}</strong>,
      other: (chunks: ReactNode) => <span lang={otherLanguage}>{chunks}</span>,
      tel: (chunks: ReactNode) => <a href={telHref(phone)}>{chunks}</a>,
      mail: (chunks: ReactNode) => <a href={`mailto:${settings.contactEmail}`}>{chunks}</a>,
      link: (chunks: ReactNode) => <Link href={href}>{chunks}</Link>,
    });

  return (
    <div className="reading">
      <h1>{t("easy.title")}</h1>

      <section aria-labelledby="easy-intro">
        <h2 id="easy-intro">{t("easy.introTitle")}</h2>
        <p>{text("intro1")}</p>
        <p>{text("intro2")}</p>
        <p>{text("intro3")}</p>
      </section>

      <section aria-labelledby="easy-online">
        <h2 id="easy-online">{t("easy.onlineTitle")}</h2>
        <p>{text("onlineIntro")}</p>
        <ol>
          {STEPS.map((step) => (
            <li key={step}>
              <p>{text(step)}</p>
            </li>
          ))}
        </ol>
        <h3>{t("easy.afterTitle")}</h3>
        <p>{text("after1")}</p>
        <p>{text("after2")}</p>
        <p>{text("after3")}</p>
        <p>
          <Link href="/termin" className="button button--large">
            {t("easy.bookButton")}
          </Link>
        </p>
      </section>

      <section aria-labelledby="easy-phone">
        <h2 id="easy-phone">{t("easy.phoneTitle")}</h2>
        <p>{text("phone1")}</p>
        <p>{text("phone2")}</p>
        <p>{text("phone3")}</p>
      </section>

      <section aria-labelledby="easy-walk-in">
        <h2 id="easy-walk-in">{t("easy.walkInTitle")}</h2>
        <p>{text("walkIn1")}</p>
        <p>{text("walkIn2")}</p>
        <p>{text("walkIn3")}</p>
      </section>

      <section aria-labelledby="easy-cancel">
        <h2 id="easy-cancel">{t("easy.cancelTitle")}</h2>
        <p>{text("cancel1")}</p>
        <p>{text("cancel2")}</p>
        <p>
          {settings.cancellationCutoffMinutes > 0
            ? text("cancel3", "/", { cutoff: formatDuration(settings.cancellationCutoffMinutes, language) })
            : text("cancel3None")}
        </p>
        <p>{text("cancel4")}</p>
      </section>

      <section aria-labelledby="easy-data">
        <h2 id="easy-data">{t("easy.dataTitle")}</h2>
        <p>{text("data1")}</p>
        <p>{text("data2", "/", { days: settings.retentionDays })}</p>
        <p>{text("data3", "/datenschutz")}</p>
      </section>

      <section aria-labelledby="easy-help">
        <h2 id="easy-help">{t("easy.helpTitle")}</h2>
        <p>{text("help1")}</p>
        <p>{text("help2")}</p>
        <p>{text("help3")}</p>
        <p>{text("help4")}</p>
      </section>

      <section aria-labelledby="easy-questions">
        <h2 id="easy-questions">{t("easy.questionsTitle")}</h2>
        <p>{text("questions1")}</p>
        <p>{text("questions2")}</p>
      </section>
    </div>
  );
}
