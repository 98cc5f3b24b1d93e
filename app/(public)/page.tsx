import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { getDb } from "@/db/client";
import { listForms } from "@/db/queries/catalogue";
import { listLocations } from "@/db/queries/locations";
import { getSettings } from "@/db/queries/settings";
import { OpeningHoursTable } from "@/components/site/opening-hours-table";
import { getLanguage, pick } from "@/lib/i18n/server";
import { ManageLinkForm } from "@/components/booking/manage-link-form";
import { IDLE } from "@/lib/actions/action-state";
import { manageLinkFormIssued } from "@/lib/booking-flow/form-proof";
import { appContext } from "@/lib/services/context";
import { generateFormNonce } from "@/lib/booking-tokens";
import { requestManageLink } from "./termin/link-anfordern/actions";

export default async function HomePage() {
  const [t, common, tManage, language, context] = await Promise.all([
    getTranslations("home"),
    getTranslations("common"),
    getTranslations("manageLink"),
    getLanguage(),
    appContext(),
  ]);
  // "Termin verwalten" without the link: a plain form, so this page needs no script and no messages on the client.
  const nonce = generateFormNonce();
  const db = getDb();
  const settings = await getSettings(db);
  const locations = await listLocations(db);
  const forms = await listForms(db);

  return (
    <>
      <div className="hero">
        <h1>{t("title", { office: settings.officeName })}</h1>
        <p className="lead reading">{t("lead")}</p>
        <p>
          <Link href="/termin" className="button button--large">
            {t("bookCta")}
          </Link>
        </p>
        <p className="reading">{t("manageHint")}</p>
      </div>

      <section className="card reading" aria-labelledby="manage-link-title">
        <h2 id="manage-link-title">{tManage("homeTitle")}</h2>
        <p>{tManage("homeText")}</p>
        <ManageLinkForm
          action={requestManageLink.bind(null, IDLE)}
          nonce={nonce}
          issued={manageLinkFormIssued(context, nonce)}
          labelledBy="manage-link-title"
          texts={{
            reference: tManage("reference"),
            referenceHint: tManage("referenceHint"),
            email: tManage("email"),
            emailHint: tManage("emailHint"),
            submit: tManage("submit"),
            sending: tManage("sending"),
          }}
        />
      </section>

      <div className="grid">
        <section className="card" aria-labelledby="phone-title">
          <h2 id="phone-title">{t("phoneTitle")}</h2>
          <p>
            {t.rich("phoneText", {
              phone: settings.contactPhone,
            })}
          </p>
          <p>
            <a href={`tel:${settings.contactPhone.replace(/[^\d+]/g, "")}`} className="button button--secondary">
              {common("phone")}: {settings.contactPhone}
            </a>
          </p>
        </section>
        <section className="card" aria-labelledby="walk-in-title">
          <h2 id="walk-in-title">{t("walkInTitle")}</h2>
          <p>{t("walkInText")}</p>
          {locations.map((location) => (
            <div key={location.id}>
              <h3>{location.name}</h3>
              {location.walkInBlocks.some((b) => b.weekday !== null) ? (
                <OpeningHoursTable
                  caption={t("walkInCaption", { location: location.name })}
                  ranges={location.walkInBlocks.flatMap((b) => (b.weekday === null ? [] : [{ ...b, weekday: b.weekday }]))}
                  showClosedDays={false}
                />
              ) : (
                <p>{t("walkInNone")}</p>
              )}
            </div>
          ))}
        </section>
      </div>

      <h2>{t("locationsTitle")}</h2>
      <div className="grid">
        {locations.map((location) => (
          <section key={location.id} className="card" aria-labelledby={`location-${location.id}`}>
            <h3 id={`location-${location.id}`}>{location.name}</h3>
            <p>
              {location.street}
              <br />
              {location.postalCode} {location.city}
              <br />
              {common("phone")}: <a href={`tel:${location.phone.replace(/[^\d+]/g, "")}`}>{location.phone}</a>
              <br />
              {common("email")}: <a href={`mailto:${location.email}`}>{location.email}</a>
            </p>
            <h4>{t("openingHours")}</h4>
            <OpeningHoursTable caption={t("openingHoursCaption", { location: location.name })} ranges={location.openingHours} showClosedDays />
            {pick(location, "directions", language) && (
              <>
                <h4>{t("directions")}</h4>
                <p>{pick(location, "directions", language)}</p>
              </>
            )}
          </section>
        ))}
      </div>

      {forms.length > 0 && (
        <section aria-labelledby="forms-title">
          <h2 id="forms-title">{t("formsTitle")}</h2>
          <p className="reading">{t("formsText")}</p>
          <ul>
            {forms.map((form) => (
              <li key={form.id}>
                <a href={form.href} download={form.href.startsWith("/") ? "" : undefined}>
                  {pick(form, "title", language)}
                </a>{" "}
                <span className="muted small">({common("pdf")})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
