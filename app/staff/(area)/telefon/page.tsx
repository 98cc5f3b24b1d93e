import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { PhoneBookingForm } from "@/components/staff/phone-booking-form";
import { listLocations } from "@/db/queries/locations";
import { selectionParams, type SelectedItem } from "@/lib/booking-flow/selection";
import { groupSlots } from "@/lib/booking-flow/slot-groups";
import { addDays, instantToZoned, isPlausibleLocalDate, type LocalDate } from "@/lib/domain/zoned-time";
import { formatDuration, formatLocalDate } from "@/lib/i18n/format";
import { getLanguage, pick } from "@/lib/i18n/server";
import { availabilityFor } from "@/lib/services/availability";
import { generateFormNonce } from "@/lib/services/secrets";
import { resolvePhoneRequest } from "@/lib/services/staff/phone-request";
import { loadCatalogue } from "@/db/queries/catalogue";
import { phoneBookingAction } from "../actions";
import * as clock from "@/lib/clock";
import { requireStaffPage } from "@/lib/auth/staff";

export async function generateMetadata() {
  const t = await getTranslations("staff.phone");
  return { title: t("title") };
}

const DAYS_SHOWN = 3;
/** How far past the chosen day a search looks for the next free days. */
const SEARCH_DAYS = 28;

export default async function PhoneBookingPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const access = await requireStaffPage();
  const [params, t, tBooking, language] = await Promise.all([searchParams, getTranslations("staff.phone"), getTranslations("booking"), getLanguage()]);
    const catalogue = loadCatalogue(access.db);
  const locations = listLocations(access.db);
  const items: SelectedItem[] = catalogue.flatMap((c) => {
    const quantity = Number(params[`anzahl-${c.slug}`] ?? 0);
    return Number.isInteger(quantity) && quantity > 0 ? [{ slug: c.slug, quantity }] : [];
  });
  const submitted = params.suchen === "1";
  const request = resolvePhoneRequest(access, { items, location: params.standort ?? null });
  const location = params.standort ? locations.find((l) => l.slug === params.standort) : undefined;

  let problem: string | null = null;
  let days: { legend: string; slots: { value: string; time: string; fullName: string }[] }[] = [];
  let laterFrom: LocalDate | null = null;
  const fromDay = params.ab?.trim() ? params.ab.trim() : null;
  if (submitted && items.length === 0) problem = t("noneChosen");
  else if (submitted && fromDay && !isPlausibleLocalDate(fromDay)) problem = t("invalidDay");
  else if (submitted && location && (!request.location || request.location.id !== location.id)) problem = t("notOffered");
  else if (submitted && location && request.location) {
    const now = clock.now();
    const today = instantToZoned(now, location.timeZone).date;
    const from = fromDay && fromDay > today ? fromDay : today;
    const result = availabilityFor(access.db, { now, location, items: request.requested, audience: "staff", from, to: addDays(from, SEARCH_DAYS - 1) });
    const free = result.ok ? result.days.filter((d) => d.slots.length > 0).slice(0, DAYS_SHOWN) : [];
    const lastShown = free.at(-1)?.date;
    if (lastShown && result.ok && result.to > lastShown) laterFrom = addDays(lastShown, 1);
    days = free.flatMap((day) =>
      groupSlots(day.slots, location.timeZone, language, { morning: tBooking("time.morning"), afternoon: tBooking("time.afternoon") }).map((group) => ({
        ...group,
        legend: `${formatLocalDate(day.date, language)} – ${group.legend}`,
      })),
    );
    if (days.length === 0) problem = t("noTimes", { date: formatLocalDate(from, language), weeks: SEARCH_DAYS / 7 });
  }

  return (
    <>
      <h1>{t("title")}</h1>
      <p className="reading">{t("intro")}</p>
      <form method="get" action="/staff/telefon">
        <input type="hidden" name="suchen" value="1" />
        <fieldset>
          <legend>{t("concerns")}</legend>
          <div className="table-wrap">
            <table>
              <tbody>
                {catalogue.map((concern) => {
                  const id = `anzahl-${concern.slug}`;
                  const name = pick(concern, "name", language);
                  return (
                    <tr key={concern.id}>
                      <th scope="row">
                        <label htmlFor={id} style={{ fontWeight: 400 }}>
                          <span className="visually-hidden">{t("quantityFor", { name: "" }).trim()} </span>
                          {name}
                        </label>
                      </th>
                      <td>
                        <select id={id} name={id} className="input--short" defaultValue={String(items.find((i) => i.slug === concern.slug)?.quantity ?? 0)}>
                          {Array.from({ length: concern.maxQuantity + 1 }, (_, n) => (
                            <option key={n} value={n}>
                              {n}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td className="muted small">{formatDuration(concern.durationMinutes, language)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="standort">{t("location")}</label>
          <select id="standort" name="standort" defaultValue={location?.slug ?? locations[0]?.slug}>
            {locations.map((l) => (
              <option key={l.id} value={l.slug}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="ab">{t("fromDay")}</label>
          <p className="hint" id="ab-hint">
            {t("fromDayHint")}
          </p>
          <input type="date" id="ab" name="ab" className="input--medium" aria-describedby="ab-hint" defaultValue={fromDay ?? ""} />
        </div>
        <button type="submit" className="button button--secondary">
          {t("find")}
        </button>
      </form>

      {problem && (
        <div className="notice notice--warning" role="status">
          <p>{problem}</p>
        </div>
      )}
      {days.length > 0 && location && (
        <section aria-label={t("timesTitle")} style={{ marginTop: "2rem" }}>
          <p>{t("duration", { duration: formatDuration(request.durationMinutes, language) })}</p>
          {/* Keyed by the search, so a new search starts a fresh form (no time chosen from the previous list). */}
          <PhoneBookingForm
            key={selectionParams({ items, location: location.slug }).toString()}
            action={phoneBookingAction}
            days={days}
            hidden={{ ...Object.fromEntries(selectionParams({ items, location: location.slug })), nonce: generateFormNonce() }}
          />
          {laterFrom && (
            <p>
              <Link href={`/staff/telefon?${laterSearch(params, laterFrom)}`}>{t("laterDays", { date: formatLocalDate(laterFrom, language) })}</Link>
            </p>
          )}
        </section>
      )}
    </>
  );
}

/** The same search, starting on a later day. */
function laterSearch(params: Record<string, string | undefined>, from: LocalDate): string {
  const query = new URLSearchParams(Object.entries(params).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  query.set("ab", from);
  return query.toString();
}
