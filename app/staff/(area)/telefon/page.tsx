import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { DayPicker } from "@/components/booking/day-picker";
import { PhoneBookingForm } from "@/components/staff/phone-booking-form";
import { listLocations } from "@/db/queries/locations";
import { loadCatalogue } from "@/db/queries/catalogue";
import { requireStaffPage } from "@/lib/auth/staff";
import { selectionParams, type SelectedItem } from "@/lib/booking-flow/selection";
import { groupSlots } from "@/lib/booking-flow/slot-groups";
import type { LocalDate } from "@/lib/domain/zoned-time";
import { formatDuration, formatLocalDate } from "@/lib/i18n/format";
import { getLanguage, pick } from "@/lib/i18n/server";
import { generateFormNonce } from "@/lib/booking-tokens";
import { findPhoneTimes } from "@/lib/services/staff/phone-request";
import { phoneBookingAction } from "../actions";

export async function generateMetadata() {
  const t = await getTranslations("staff.phone");
  return { title: t("title") };
}

const PATH = "/staff/telefon";
type Params = Record<string, string | string[] | undefined>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Booking for a caller. Everything the clerk chooses lives in GET parameters, so the page works without JavaScript:
 * the search (concerns, location, optionally a day) → the month view of the staff availability (the citizen flow's
 * calendar) → the chosen day's times with the caller's details → the booking.
 */
export default async function PhoneBookingPage({ searchParams }: { searchParams: Promise<Params> }) {
  const access = await requireStaffPage();
  const [params, t, tDay, tBooking, language] = await Promise.all([
    searchParams,
    getTranslations("staff.phone"),
    getTranslations("staff.phoneDay"),
    getTranslations("booking"),
    getLanguage(),
  ]);
  const catalogue = await loadCatalogue(access.db);
  const locations = await listLocations(access.db);
  const items: SelectedItem[] = catalogue.flatMap((c) => {
    const quantity = Number(first(params[`anzahl-${c.slug}`]) ?? 0);
    return Number.isInteger(quantity) && quantity > 0 ? [{ slug: c.slug, quantity }] : [];
  });
  const submitted = first(params.suchen) === "1";
  const locationParam = first(params.standort) ?? null;
  const dayParam = first(params.tag);
  const times = submitted ? await findPhoneTimes(access, { items, location: locationParam, day: params.tag, month: params.monat }) : null;
  const ready = times?.status === "ready" ? times : null;

  const problem = ((): string | null => {
    if (!times) return null;
    if (times.status === "none_chosen") return t("noneChosen");
    if (times.status === "not_offered") return t("notOffered");
    if (times.status === "request_invalid") return tDay("problems.request_invalid");
    const { chosen, from, to } = times;
    if (chosen.problem === "invalid_day") return tDay("problems.invalid_day");
    if (!chosen.problem || !chosen.date) return null;
    return tDay(`problems.${chosen.problem}`, { date: formatLocalDate(chosen.date, language), from: formatLocalDate(from, language), to: formatLocalDate(to, language) });
  })();

  // Links within the search: the same concerns and location, another day or month.
  const searchHref = (extra: Record<string, string>) => {
    const query = new URLSearchParams({ suchen: "1" });
    for (const item of items) query.set(`anzahl-${item.slug}`, String(item.quantity));
    if (ready) query.set("standort", ready.location.slug);
    for (const [key, value] of Object.entries(extra)) query.set(key, value);
    return `${PATH}?${query.toString()}`;
  };
  const dayHref = (date: LocalDate) => searchHref({ tag: date });

  const chosenDate = ready && !ready.chosen.problem ? ready.chosen.date : null;
  const groups = ready && chosenDate ? groupSlots(ready.slots, ready.location.timeZone, language, { morning: tBooking("time.morning"), afternoon: tBooking("time.afternoon") }) : [];
  const selection = ready ? selectionParams({ items, location: ready.location.slug }) : null;

  return (
    <>
      <h1>{t("title")}</h1>
      <p className="reading">{t("intro")}</p>
      <form method="get" action={PATH}>
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
          <select id="standort" name="standort" defaultValue={locations.some((l) => l.slug === locationParam) ? (locationParam ?? undefined) : locations[0]?.slug}>
            {locations.map((l) => (
              <option key={l.id} value={l.slug}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <div className={ready?.chosen.problem ? "field field--error" : "field"}>
          <label htmlFor="tag">{tDay("dayField")}</label>
          <span className="hint" id="tag-hint">
            {tDay("dayFieldHint")}
          </span>
          <input
            type="date"
            id="tag"
            name="tag"
            className="input--medium"
            min={ready?.from}
            max={ready?.to}
            aria-invalid={ready?.chosen.problem ? true : undefined}
            aria-describedby={ready?.chosen.problem ? "tag-hint phone-problem" : "tag-hint"}
            defaultValue={typeof dayParam === "string" ? dayParam : ""}
          />
        </div>
        <button type="submit" className="button button--secondary">
          {t("find")}
        </button>
      </form>

      {problem && (
        <div className="notice notice--warning" role="status" id="phone-problem" style={{ marginTop: "2rem" }}>
          <p>{problem}</p>
        </div>
      )}

      {ready && selection && (
        <section aria-labelledby="phone-times-title" style={{ marginTop: "2rem" }}>
          <p>{t("duration", { duration: formatDuration(ready.request.durationMinutes, language) })}</p>
          {chosenDate ? (
            <>
              <h2 id="phone-times-title">{tDay("timesTitle", { date: formatLocalDate(chosenDate, language) })}</h2>
              <p>
                <Link href={searchHref({ monat: chosenDate.slice(0, 7) })}>{tDay("otherDay")}</Link>
              </p>
              {/* Keyed by the search and the day, so another day starts a fresh form (no time chosen from the previous list). */}
              <PhoneBookingForm
                key={`${selection.toString()}|${chosenDate}`}
                action={phoneBookingAction}
                groups={groups}
                timeZone={ready.location.timeZone}
                language={language}
                hidden={{ ...Object.fromEntries(selection), nonce: generateFormNonce() }}
              />
            </>
          ) : (
            <>
              <h2 id="phone-times-title">{tDay("calendarTitle")}</h2>
              {ready.firstFree ? (
                <div className="notice">
                  <p>
                    {tDay("nextFree", { date: formatLocalDate(ready.firstFree, language) })}{" "}
                    <Link href={dayHref(ready.firstFree)}>{tDay("nextFreeLink", { date: formatLocalDate(ready.firstFree, language) })}</Link>
                  </p>
                </div>
              ) : (
                <div className="notice notice--warning">
                  <p>{tDay("noneFree", { date: formatLocalDate(ready.to, language) })}</p>
                </div>
              )}
              <DayPicker
                days={ready.days}
                month={ready.month}
                view={first(params.ansicht) === "liste" ? "list" : "calendar"}
                language={language}
                selectedDate={ready.chosen.date}
                today={ready.from}
                dayHref={dayHref}
                monthHref={(month, view) => searchHref({ monat: month, ...(view === "list" ? { ansicht: "liste" } : {}) })}
              />
            </>
          )}
        </section>
      )}
    </>
  );
}
