import { getTranslations } from "next-intl/server";
import { kioskLanguage, kioskLocation } from "@/lib/hall/page-data";
import { walkInConcerns, walkInState } from "@/lib/services/queue/arrival";
import { kioskCheckInAction, kioskTicketAction } from "./actions";

type Props = { params: Promise<{ standort: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const PROBLEMS = ["unknown", "other_location", "other_day", "early", "over", "not_active", "already", "closed", "exhausted", "unknown_concern", "invalid"] as const;

export async function generateMetadata({ searchParams }: Props) {
  const t = await getTranslations({ locale: kioskLanguage((await searchParams).sprache), namespace: "hall.kiosk" });
  return { title: t("title"), robots: { index: false } };
}

/** The tablet at the entrance: check in with the booking number (typed or scanned) or draw a walk-in ticket. */
export default async function KioskPage({ params, searchParams }: Props) {
  const [{ standort }, query] = await Promise.all([params, searchParams]);
  const language = kioskLanguage(query.sprache);
  const { context, location } = await kioskLocation(standort);
  const t = await getTranslations({ locale: language, namespace: "hall.kiosk" });
  const door = await walkInState(context, location);
  const concerns = door.open && door.left > 0 ? await walkInConcerns(context.db, location, language) : [];
  const problem = PROBLEMS.find((p) => p === query.problem);
  const text = (key: string) => (typeof query[key] === "string" ? (query[key] as string) : "");
  const otherLanguage = language === "de" ? "en" : "de";

  return (
    <div className="kiosk" lang={language}>
      <header className="kiosk__header">
        <h1>{t("welcome", { location: location.name })}</h1>
        {/* A plain link: the kiosk loads the page afresh in the other language, as it does for the next person. */}
        <a className="kiosk__language" href={`/kiosk/${location.slug}?sprache=${otherLanguage}`} hrefLang={otherLanguage} lang={otherLanguage} aria-label={t("otherLanguageName")}>
          {t("otherLanguage")}
        </a>
      </header>
      {problem && (
        <div className="alert alert--error kiosk__problem" role="alert">
          <p>{t(`problem.${problem}`, { location: text("ort"), date: text("datum"), time: text("zeit"), label: text("label") })}</p>
        </div>
      )}
      <div className="kiosk__choices">
        <section className="kiosk__panel" aria-labelledby="with-appointment">
          <h2 id="with-appointment">{t("withAppointment")}</h2>
          <form action={kioskCheckInAction} className="kiosk__form">
            <input type="hidden" name="standort" value={location.slug} />
            <input type="hidden" name="sprache" value={language} />
            <div className="field">
              <label htmlFor="code">{t("codeLabel")}</label>
              <p className="hint" id="code-hint">
                {t("codeHint")}
              </p>
              {/* A barcode scanner types like a keyboard and ends with Enter: the field has focus, the form submits. */}
              <input
                id="code"
                name="code"
                type="text"
                className="kiosk__input"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                maxLength={200}
                aria-describedby="code-hint"
                autoFocus
              />
            </div>
            <button type="submit" className="button kiosk__button">
              {t("checkIn")}
            </button>
          </form>
        </section>
        <section className="kiosk__panel" aria-labelledby="without-appointment">
          <h2 id="without-appointment">{t("withoutAppointment")}</h2>
          {!door.open ? (
            <p>{t("doorClosed")}</p>
          ) : door.left === 0 ? (
            <p>{t("ticketsGone")}</p>
          ) : concerns.length === 0 ? (
            <p>{t("noConcerns")}</p>
          ) : (
            <form action={kioskTicketAction}>
              <input type="hidden" name="standort" value={location.slug} />
              <input type="hidden" name="sprache" value={language} />
              <p id="concern-hint">{t("chooseConcern")}</p>
              <p className="small">{t("ticketsLeft", { count: door.left })}</p>
              <ul className="kiosk__concerns">
                {concerns.map((concern) => (
                  <li key={concern.id}>
                    <button type="submit" name="anliegen" value={concern.id} className="button button--secondary kiosk__button">
                      {concern.name}
                    </button>
                  </li>
                ))}
              </ul>
            </form>
          )}
        </section>
      </div>
    </div>
  );
}
