import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { ActionForm } from "@/components/staff/action-form";
import { ConfirmActionForm } from "@/components/ui/confirm-action-form";
import { getDb } from "@/db/client";
import { loadCatalogue } from "@/db/queries/catalogue";
import { formatDateTime, formatLocalDate, formatMinutes } from "@/lib/i18n/format";
import { getLanguage, pick } from "@/lib/i18n/server";
import { findConflicts, loadCapacitySetup } from "@/lib/services/staff/capacity";
import { locationAndDate } from "@/lib/staff-page";
import {
  addOpeningRangeAction,
  addWalkInAction,
  addWindowAction,
  bulkCancelAction,
  removeOpeningRangeAction,
  removeWalkInAction,
  removeWindowAction,
} from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("staff.capacity");
  return { title: t("title") };
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export default async function CapacityPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const [params, t, tCommon, language] = await Promise.all([searchParams, getTranslations("staff.capacity"), getTranslations("common"), getLanguage()]);
  const db = getDb();
  const { locations, location } = locationAndDate(params);
  const setup = loadCapacitySetup(db, location.id);
  const catalogue = loadCatalogue(db, { includeInactive: true });
  const conflicts = findConflicts(db, location, new Date());
  const weekdayName = (day: number | null) => (day === null ? t("everyDay") : tCommon(`weekday.${day}` as "weekday.1"));
  const validity = (from: string | null, until: string | null) =>
    from || until ? t("dateRange", { from: from ? formatLocalDate(from, language) : "…", until: until ? formatLocalDate(until, language) : t("openEnded") }) : "";
  const concernName = (id: number) => pick(catalogue.find((c) => c.id === id) ?? { nameDe: "?", nameEn: "?" }, "name", language);

  const timeFields = (prefix: string) => (
    <>
      <div className="field">
        <label htmlFor={`${prefix}-startMinute`}>{t("start")}</label>
        <input id={`${prefix}-startMinute`} name="startMinute" type="time" required className="input--medium" />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-endMinute`}>{t("end")}</label>
        <input id={`${prefix}-endMinute`} name="endMinute" type="time" required className="input--medium" />
      </div>
    </>
  );
  const recurringFields = (prefix: string) => (
    <>
      <div className="field">
        <label htmlFor={`${prefix}-weekday`}>{t("weekday")}</label>
        <select id={`${prefix}-weekday`} name="weekday" className="input--medium" defaultValue="">
          <option value="">{t("everyDay")}</option>
          {WEEKDAYS.map((d) => (
            <option key={d} value={d}>
              {weekdayName(d)}
            </option>
          ))}
        </select>
      </div>
      {timeFields(prefix)}
      <div className="field">
        <label htmlFor={`${prefix}-validFrom`}>{t("validFrom")}</label>
        <input id={`${prefix}-validFrom`} name="validFrom" type="date" className="input--medium" />
      </div>
      <div className="field">
        <label htmlFor={`${prefix}-validUntil`}>{t("validUntil")}</label>
        <input id={`${prefix}-validUntil`} name="validUntil" type="date" className="input--medium" />
      </div>
    </>
  );
  const labels = { weekday: t("weekday"), startMinute: t("start"), endMinute: t("end"), validFrom: t("validFrom"), validUntil: t("validUntil"), onlineCounters: t("online"), staffCounters: t("staffOnly"), counters: t("counters"), bookingIds: t("appointments"), reason: t("reasonLabel") };

  return (
    <>
      <h1>
        {t("title")}: {location.name}
      </h1>
      <p className="reading">{t("intro")}</p>
      <nav className="toolbar" aria-label={t("locationNav")}>
        {locations.map((l) => (
          <Link key={l.id} href={`/staff/kapazitaet?standort=${l.slug}`} aria-current={l.id === location.id ? "page" : undefined}>
            {l.name}
          </Link>
        ))}
      </nav>

      {conflicts.length > 0 && (
        <section className="notice notice--warning" aria-labelledby="conflicts-title">
          <h2 id="conflicts-title">{t("conflictsTitle")}</h2>
          <p>{t("conflictsText")}</p>
          <ActionForm idPrefix="conflicts" action={bulkCancelAction} fieldLabels={labels} submitLabel={t("cancelSelected")} successText={t("bulkDone")} danger>
            <fieldset>
              <legend className="visually-hidden">{t("conflictsTitle")}</legend>
              {conflicts.map((b) => (
                <div className="checkbox" key={b.id}>
                  <input type="checkbox" id={`conflicts-bookingIds-${b.id}`} name="bookingIds" value={b.id} defaultChecked />
                  <label htmlFor={`conflicts-bookingIds-${b.id}`}>
                    {formatDateTime(b.startsAt, language, location.timeZone)} · {b.referenceCode} · {b.citizenName}
                  </label>
                </div>
              ))}
            </fieldset>
            <div className="field">
              <label htmlFor="conflicts-reason">{t("reasonLabel")}</label>
              <input id="conflicts-reason" name="reason" type="text" maxLength={200} />
            </div>
          </ActionForm>
        </section>
      )}

      <section aria-labelledby="hours-title">
        <h2 id="hours-title">{t("openingHours")}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("weekday")}</th>
                <th scope="col">{t("time")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("remove")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {setup.openingHours.map((row) => {
                const what = `${weekdayName(row.weekday)} ${formatMinutes(row.startMinute)}–${formatMinutes(row.endMinute)}`;
                return (
                  <tr key={row.id}>
                    <th scope="row">{weekdayName(row.weekday)}</th>
                    <td>
                      {formatMinutes(row.startMinute)}–{formatMinutes(row.endMinute)}
                    </td>
                    <td>
                      <ConfirmActionForm action={removeOpeningRangeAction} hidden={{ id: String(row.id) }} label={t("remove")} context={what} variant="secondary" />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <details>
          <summary>{t("addRange")}</summary>
          <ActionForm idPrefix="hours" action={addOpeningRangeAction} fieldLabels={labels} submitLabel={t("addRange")} successText={t("saved")}>
            <input type="hidden" name="locationId" value={location.id} />
            <div className="field">
              <label htmlFor="hours-weekday">{t("weekday")}</label>
              <select id="hours-weekday" name="weekday" className="input--medium">
                {WEEKDAYS.map((d) => (
                  <option key={d} value={d}>
                    {weekdayName(d)}
                  </option>
                ))}
              </select>
            </div>
            {timeFields("hours")}
          </ActionForm>
        </details>
      </section>

      <section aria-labelledby="windows-title">
        <h2 id="windows-title">{t("windows")}</h2>
        {setup.windows.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("days")}</th>
                  <th scope="col">{t("time")}</th>
                  <th scope="col">{t("online")}</th>
                  <th scope="col">{t("staffOnly")}</th>
                  <th scope="col">{t("onlyFor")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("remove")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {setup.windows.map((w) => {
                  const what = `${weekdayName(w.weekday)} ${formatMinutes(w.startMinute)}–${formatMinutes(w.endMinute)}`;
                  return (
                    <tr key={w.id}>
                      <th scope="row">
                        {weekdayName(w.weekday)}
                        {validity(w.validFrom, w.validUntil) && <span className="hint">{validity(w.validFrom, w.validUntil)}</span>}
                      </th>
                      <td>
                        {formatMinutes(w.startMinute)}–{formatMinutes(w.endMinute)}
                      </td>
                      <td>{w.onlineCounters}</td>
                      <td>{w.staffCounters}</td>
                      <td>{w.concernIds.length === 0 ? t("allConcerns") : w.concernIds.map(concernName).join(", ")}</td>
                      <td>
                        <ConfirmActionForm action={removeWindowAction} hidden={{ id: String(w.id) }} label={t("remove")} context={what} variant="secondary" />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <details>
          <summary>{t("addWindow")}</summary>
          <ActionForm idPrefix="window" action={addWindowAction} fieldLabels={labels} submitLabel={t("addWindow")} successText={t("saved")}>
            <input type="hidden" name="locationId" value={location.id} />
            {recurringFields("window")}
            <div className="field">
              <label htmlFor="window-onlineCounters">{t("online")}</label>
              <input id="window-onlineCounters" name="onlineCounters" type="number" min={0} max={50} defaultValue={1} className="input--short" />
            </div>
            <div className="field">
              <label htmlFor="window-staffCounters">{t("staffOnly")}</label>
              <input id="window-staffCounters" name="staffCounters" type="number" min={0} max={50} defaultValue={0} className="input--short" />
            </div>
            <fieldset>
              <legend>{t("onlyFor")}</legend>
              {catalogue
                .filter((c) => c.active && c.locationIds.includes(location.id))
                .map((c) => (
                  <div className="checkbox" key={c.id}>
                    <input type="checkbox" id={`concern-${c.id}`} name="concernIds" value={c.id} />
                    <label htmlFor={`concern-${c.id}`}>{pick(c, "name", language)}</label>
                  </div>
                ))}
            </fieldset>
          </ActionForm>
        </details>
      </section>

      <section aria-labelledby="walk-in-title">
        <h2 id="walk-in-title">{t("walkIns")}</h2>
        {setup.walkInBlocks.length === 0 ? (
          <p>{t("none")}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("days")}</th>
                  <th scope="col">{t("time")}</th>
                  <th scope="col">{t("counters")}</th>
                  <th scope="col">{t("note")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("remove")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {setup.walkInBlocks.map((b) => {
                  const what = `${weekdayName(b.weekday)} ${formatMinutes(b.startMinute)}–${formatMinutes(b.endMinute)}`;
                  return (
                    <tr key={b.id}>
                      <th scope="row">
                        {weekdayName(b.weekday)}
                        {validity(b.validFrom, b.validUntil) && <span className="hint">{validity(b.validFrom, b.validUntil)}</span>}
                      </th>
                      <td>
                        {formatMinutes(b.startMinute)}–{formatMinutes(b.endMinute)}
                      </td>
                      <td>{b.counters}</td>
                      <td>{b.note ?? ""}</td>
                      <td>
                        <ConfirmActionForm action={removeWalkInAction} hidden={{ id: String(b.id) }} label={t("remove")} context={what} variant="secondary" />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <details>
          <summary>{t("addWalkIn")}</summary>
          <ActionForm idPrefix="walkin" action={addWalkInAction} fieldLabels={labels} submitLabel={t("addWalkIn")} successText={t("saved")}>
            <input type="hidden" name="locationId" value={location.id} />
            {recurringFields("walkin")}
            <div className="field">
              <label htmlFor="walkin-counters">{t("counters")}</label>
              <input id="walkin-counters" name="counters" type="number" min={1} max={50} defaultValue={1} className="input--short" />
            </div>
            <div className="field">
              <label htmlFor="walkin-note">{t("note")}</label>
              <input id="walkin-note" name="note" type="text" maxLength={200} />
            </div>
          </ActionForm>
        </details>
      </section>
    </>
  );
}
