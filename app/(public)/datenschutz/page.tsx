import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { formatDuration } from "@/lib/i18n/format";
import { getLanguage } from "@/lib/i18n/server";
import { officeSettings } from "@/lib/services/office";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("legal");
  return { title: t("privacy.title") };
}

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, "")}`;
}

/** A configured free-text address ("Name, Street, Postcode City, e-mail") as lines, with e-mail addresses as links. */
function AddressLines({ text }: { text: string }) {
  const lines = text
    .split(/,\s*/)
    .map((line) => line.trim())
    .filter(Boolean);
  return (
    <address>
      {lines.map((line, index) => (
        <span key={index}>
          {index > 0 && <br />}
          {/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(line) ? <a href={`mailto:${line}`}>{line}</a> : line}
        </span>
      ))}
    </address>
  );
}

const SECTIONS = [
  "controller",
  "dpo",
  "data",
  "purpose",
  "retention",
  "recipients",
  "tracking",
  "cookies",
  "staff",
  "rights",
  "automated",
] as const;

const DATA_ITEMS = [
  "name",
  "email",
  "phone",
  "note",
  "concerns",
  "appointment",
  "language",
  "channel",
  "reference",
  "status",
  "token",
  "emails",
] as const;

const COOKIES = ["lang", "draft", "session"] as const;

const RIGHTS = ["access", "rectification", "erasure", "restriction", "objection"] as const;

export default async function PrivacyPage() {
  const [t, language] = await Promise.all([getTranslations("legal"), getLanguage()]);
  const settings = await officeSettings();
  const days = settings.retentionDays;
  const phone = settings.contactPhone;

  const tags = {
    strong: (chunks: ReactNode) => <strong>{chunks}</strong>,
    tel: (chunks: ReactNode) => <a href={telHref(phone)}>{chunks}</a>,
    mail: (chunks: ReactNode) => <a href={`mailto:${settings.contactEmail}`}>{chunks}</a>,
  };

  const sections = SECTIONS.filter((id) => id !== "dpo" || settings.dataProtectionOfficer.trim() !== "");

  return (
    <div className="reading">
      <h1>{t("privacy.title")}</h1>
      <p className="lead">{t("privacy.lead", { office: settings.officeName })}</p>

      <section className="card" aria-labelledby="privacy-summary">
        <h2 id="privacy-summary">{t("privacy.summaryTitle")}</h2>
        <ul>
          <li>{t("privacy.summary.data")}</li>
          <li>{t("privacy.summary.retention", { days })}</li>
          <li>{t("privacy.summary.tracking")}</li>
          <li>{t("privacy.summary.selfService")}</li>
        </ul>
      </section>

      <nav aria-labelledby="privacy-toc">
        <h2 id="privacy-toc">{t("privacy.tocTitle")}</h2>
        <ol>
          {sections.map((id) => (
            <li key={id}>
              <a href={`#privacy-${id}`}>{t(`privacy.${id}.title`)}</a>
            </li>
          ))}
        </ol>
      </nav>

      <section aria-labelledby="privacy-controller">
        <h2 id="privacy-controller">{t("privacy.controller.title")}</h2>
        <p>{t("privacy.controller.text")}</p>
        <address>
          {settings.operatorName}
          {settings.operatorRepresentative && (
            <>
              <br />
              {t("privacy.controller.representedBy", { name: settings.operatorRepresentative })}
            </>
          )}
          <br />
          {settings.operatorStreet}
          <br />
          {settings.operatorPostalCode} {settings.operatorCity}
          <br />
          {t("phone")}: <a href={telHref(phone)}>{phone}</a>
          <br />
          {t("email")}: <a href={`mailto:${settings.contactEmail}`}>{settings.contactEmail}</a>
        </address>
      </section>

      {settings.dataProtectionOfficer.trim() !== "" && (
        <section aria-labelledby="privacy-dpo">
          <h2 id="privacy-dpo">{t("privacy.dpo.title")}</h2>
          <p>{t("privacy.dpo.text")}</p>
          <AddressLines text={settings.dataProtectionOfficer} />
        </section>
      )}

      <section aria-labelledby="privacy-data">
        <h2 id="privacy-data">{t("privacy.data.title")}</h2>
        <p>{t("privacy.data.intro")}</p>
        <ul>
          {DATA_ITEMS.map((item) => (
            <li key={item}>{t(`privacy.data.${item}`)}</li>
          ))}
        </ul>
        <p>{t("privacy.data.tokenExplained")}</p>
        <p>{t("privacy.data.staffBooking")}</p>
        <p>
          <strong>{t("privacy.data.noIp")}</strong>
        </p>
      </section>

      <section aria-labelledby="privacy-purpose">
        <h2 id="privacy-purpose">{t("privacy.purpose.title")}</h2>
        <p>{t("privacy.purpose.text")}</p>
        <p>{t("privacy.purpose.legalBasis")}</p>
        <p>{t.rich("privacy.purpose.voluntary", { ...tags, phone })}</p>
      </section>

      <section aria-labelledby="privacy-retention">
        <h2 id="privacy-retention">{t("privacy.retention.title")}</h2>
        <p>{t.rich("privacy.retention.text", { ...tags, days })}</p>
        <p>{t("privacy.retention.statistics")}</p>
        {settings.noShowLimit > 0 && (
          <p>{t.rich("privacy.retention.noShows", { ...tags, phone, limit: settings.noShowLimit, months: settings.noShowWindowMonths })}</p>
        )}
        <h3>{t("privacy.retention.selfTitle")}</h3>
        <p>{t("privacy.retention.selfText")}</p>
        <p>
          {settings.cancellationCutoffMinutes > 0
            ? t.rich("privacy.retention.cutoff", {
                ...tags,
                phone,
                cutoff: formatDuration(settings.cancellationCutoffMinutes, language),
              })
            : t.rich("privacy.retention.cutoffNone", { ...tags, phone })}
        </p>
      </section>

      <section aria-labelledby="privacy-recipients">
        <h2 id="privacy-recipients">{t("privacy.recipients.title")}</h2>
        <p>{t("privacy.recipients.staff", { office: settings.officeName })}</p>
        <p>{t("privacy.recipients.processor")}</p>
        <p>{t("privacy.recipients.noOthers")}</p>
      </section>

      <section aria-labelledby="privacy-tracking">
        <h2 id="privacy-tracking">{t("privacy.tracking.title")}</h2>
        <p>{t("privacy.tracking.text")}</p>
        <p>{t("privacy.tracking.ip")}</p>
        <p>{t("privacy.tracking.rateLimit")}</p>
      </section>

      <section aria-labelledby="privacy-cookies">
        <h2 id="privacy-cookies">{t("privacy.cookies.title")}</h2>
        <p>{t("privacy.cookies.intro")}</p>
        <div className="table-wrap">
          <table>
            <caption>{t("privacy.cookies.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("privacy.cookies.name")}</th>
                <th scope="col">{t("privacy.cookies.purpose")}</th>
                <th scope="col">{t("privacy.cookies.duration")}</th>
              </tr>
            </thead>
            <tbody>
              {COOKIES.map((cookie) => (
                <tr key={cookie}>
                  <th scope="row">
                    {cookie === "session" ? t(`privacy.cookies.${cookie}.name`) : <code>{t(`privacy.cookies.${cookie}.name`)}</code>}
                  </th>
                  <td>{t(`privacy.cookies.${cookie}.purpose`)}</td>
                  <td>{t(`privacy.cookies.${cookie}.duration`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="privacy-staff">
        <h2 id="privacy-staff">{t("privacy.staff.title")}</h2>
        <p>{t("privacy.staff.signIn")}</p>
        <p>{t("privacy.staff.throttle")}</p>
      </section>

      <section aria-labelledby="privacy-rights">
        <h2 id="privacy-rights">{t("privacy.rights.title")}</h2>
        <p>{t("privacy.rights.intro")}</p>
        <ul>
          {RIGHTS.map((right) => (
            <li key={right}>{t(`privacy.rights.${right}`)}</li>
          ))}
        </ul>
        <p>{t.rich("privacy.rights.contact", { ...tags, email: settings.contactEmail, phone })}</p>
        <p>{t("privacy.rights.complaint")}</p>
        {settings.supervisoryAuthority.trim() !== "" && (
          <>
            <p>{t("privacy.rights.authority")}</p>
            <AddressLines text={settings.supervisoryAuthority} />
          </>
        )}
      </section>

      <section aria-labelledby="privacy-automated">
        <h2 id="privacy-automated">{t("privacy.automated.title")}</h2>
        <p>{t("privacy.automated.text")}</p>
      </section>
    </div>
  );
}
