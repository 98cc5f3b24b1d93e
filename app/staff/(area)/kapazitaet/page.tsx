import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { CapacityWindowForm, OpeningRangeForm, WalkInBlockForm } from "@/components/staff/capacity-forms";
import { BulkCancelForm } from "@/components/staff/cancellation-forms";
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

  const cancelledCount = Number(params.abgesagt);
  const windowConcerns = catalogue.filter((c) => c.active && c.locationIds.includes(location.id)).map((c) => ({ id: c.id, name: pick(c, "name", language) }));

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

      {Number.isInteger(cancelledCount) && cancelledCount > 0 && (
        <p className="notice notice--success" role="status">
          {t("bulkDone", { count: cancelledCount })}
        </p>
      )}
      {conflicts.length > 0 && (
        <section className="notice notice--warning" aria-labelledby="conflicts-title">
          <h2 id="conflicts-title">{t("conflictsTitle")}</h2>
          <p>{t("conflictsText")}</p>
          <BulkCancelForm
            action={bulkCancelAction}
            locationSlug={location.slug}
            bookings={conflicts.map((b) => ({ id: b.id, label: `${formatDateTime(b.startsAt, language, location.timeZone)} · ${b.referenceCode} · ${b.citizenName}` }))}
          />
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
          {/* Keyed by location: switching branches starts fresh forms for that branch. */}
          <OpeningRangeForm key={location.id} action={addOpeningRangeAction} locationId={location.id} />
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
          <CapacityWindowForm key={location.id} action={addWindowAction} locationId={location.id} concerns={windowConcerns} />
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
          <WalkInBlockForm key={location.id} action={addWalkInAction} locationId={location.id} />
        </details>
      </section>
    </>
  );
}
