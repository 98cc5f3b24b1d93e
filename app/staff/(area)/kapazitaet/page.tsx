import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { CapacityWindowForm, OpeningRangeForm, WalkInBlockForm } from "@/components/staff/capacity-forms";
import { BulkCancelForm } from "@/components/staff/cancellation-forms";
import { loadCatalogue } from "@/db/queries/catalogue";
import { UndoRuleChangeForm } from "@/components/staff/capacity-change-forms";
import { describeRule } from "@/components/staff/capacity-rule-text";
import { formatDateTime, formatLocalDate, formatMinutes, formatTime } from "@/lib/i18n/format";
import { getLanguage, pick } from "@/lib/i18n/server";
import { findConflicts, loadCapacitySetup } from "@/lib/services/staff/capacity";
import { findUndoOffer, UNDO_MINUTES } from "@/lib/services/staff/capacity-changes";
import type { RuleSlug } from "@/lib/validation/capacity-change";
import { locationAndDate } from "@/lib/staff-page";
import { NoLocationYet } from "@/components/staff/no-location-yet";
import {
  addOpeningRangeAction,
  addWalkInAction,
  addWindowAction,
  bulkCancelAction,
  undoRuleChangeAction,
} from "./actions";
import { requireStaffPage } from "@/lib/auth/staff";

export async function generateMetadata() {
  const t = await getTranslations("staff.capacity");
  return { title: t("title") };
}

export default async function CapacityPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const access = await requireStaffPage();
  const [params, t, tCommon, tChange, tAll, language] = await Promise.all([
    searchParams,
    getTranslations("staff.capacity"),
    getTranslations("common"),
    getTranslations("staff.capacityChange"),
    getTranslations(),
    getLanguage(),
  ]);
  const { locations, location } = await locationAndDate(access, params);
  if (!location) return <NoLocationYet title={t("title")} access={access} />;
  const setup = await loadCapacitySetup(access, location.id);
  const catalogue = await loadCatalogue(access.db, { includeInactive: true });
  const conflicts = await findConflicts(access, location);
  const weekdayName = (day: number | null) => (day === null ? t("everyDay") : tCommon(`weekday.${day}` as "weekday.1"));
  const validity = (from: string | null, until: string | null) =>
    from || until ? t("dateRange", { from: from ? formatLocalDate(from, language) : "…", until: until ? formatLocalDate(until, language) : t("openEnded") }) : "";
  const concernName = (id: number) => pick(catalogue.find((c) => c.id === id) ?? { nameDe: "?", nameEn: "?" }, "name", language);

  const cancelledCount = Number(params.abgesagt);
  // Removing or shortening goes through its confirmation page; right after it, its author may undo it.
  const changeHref = (slug: RuleSlug, id: number) => `/staff/kapazitaet/aendern?regel=${slug}&id=${id}`;
  const changeId = Number(params.aenderung);
  const undo = Number.isSafeInteger(changeId) && changeId > 0 ? await findUndoOffer(access, changeId) : null;
  const undoRule = undo ? describeRule(undo.rule, tAll, language) : "";
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

      {undo && (
        <div className="notice notice--success" role="status">
          <p>{undo.isRemoval ? tChange("doneRemoved", { rule: undoRule }) : tChange("doneShortened", { rule: undoRule })}</p>
          <p>{tChange("undoHint", { time: formatTime(undo.undoUntil, language, location.timeZone) })}</p>
          <UndoRuleChangeForm action={undoRuleChangeAction} auditId={undo.auditId} context={undoRule} minutes={UNDO_MINUTES} />
        </div>
      )}
      {params.wiederhergestellt === "1" && (
        <p className="notice notice--success" role="status">
          {tChange("restored")}
        </p>
      )}
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
        <RuleTable firstColumn={t("weekday")} timeColumn={t("time")} removeColumn={t("remove")}>
          {setup.openingHours.map((row) => (
            <RuleRow key={row.id} rule={row} days={weekdayName(row.weekday)} validity="" changeHref={changeHref("oeffnungszeit", row.id)} removeLabel={t("remove")} shortenLabel={tChange("shortenLink")} />
          ))}
        </RuleTable>
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
          <RuleTable firstColumn={t("days")} timeColumn={t("time")} removeColumn={t("remove")} extraColumns={[t("online"), t("staffOnly"), t("onlyFor")]}>
            {setup.windows.map((w) => (
              <RuleRow key={w.id} rule={w} days={weekdayName(w.weekday)} validity={validity(w.validFrom, w.validUntil)} changeHref={changeHref("fenster", w.id)} removeLabel={t("remove")} shortenLabel={tChange("shortenLink")}>
                <td>{w.onlineCounters}</td>
                <td>{w.staffCounters}</td>
                <td>{w.concernIds.length === 0 ? t("allConcerns") : w.concernIds.map(concernName).join(", ")}</td>
              </RuleRow>
            ))}
          </RuleTable>
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
          <RuleTable firstColumn={t("days")} timeColumn={t("time")} removeColumn={t("remove")} extraColumns={[t("counters"), t("note")]}>
            {setup.walkInBlocks.map((b) => (
              <RuleRow key={b.id} rule={b} days={weekdayName(b.weekday)} validity={validity(b.validFrom, b.validUntil)} changeHref={changeHref("offene-tuer", b.id)} removeLabel={t("remove")} shortenLabel={tChange("shortenLink")}>
                <td>{b.counters}</td>
                <td>{b.note ?? ""}</td>
              </RuleRow>
            ))}
          </RuleTable>
        )}
        <details>
          <summary>{t("addWalkIn")}</summary>
          <WalkInBlockForm key={location.id} action={addWalkInAction} locationId={location.id} />
        </details>
      </section>
    </>
  );
}

/** Opening hours, capacity windows and walk-in blocks share one table shape: days, time, their own columns, remove. */
function RuleTable({ firstColumn, timeColumn, removeColumn, extraColumns = [], children }: { firstColumn: string; timeColumn: string; removeColumn: string; extraColumns?: string[]; children: React.ReactNode }) {
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            {[firstColumn, timeColumn, ...extraColumns].map((label) => (
              <th key={label} scope="col">
                {label}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">{removeColumn}</span>
            </th>
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

/**
 * One recurring rule: its days (and validity) head the row, then its time range, its own cells and the links to
 * remove or shorten it, which lead to the confirmation page first.
 */
function RuleRow({
  rule,
  days,
  validity,
  changeHref,
  removeLabel,
  shortenLabel,
  children,
}: {
  rule: { id: number; startMinute: number; endMinute: number };
  days: string;
  validity: string;
  changeHref: string;
  removeLabel: string;
  shortenLabel: string;
  children?: React.ReactNode;
}) {
  const time = `${formatMinutes(rule.startMinute)}–${formatMinutes(rule.endMinute)}`;
  return (
    <tr>
      <th scope="row">
        {days}
        {validity && <span className="hint">{validity}</span>}
      </th>
      <td>{time}</td>
      {children}
      <td>
        <span style={{ display: "flex", flexWrap: "wrap", gap: "0.5rem" }}>
          {[
            { href: changeHref, label: removeLabel },
            { href: `${changeHref}&kuerzen=1`, label: shortenLabel },
          ].map((link) => (
            <Link key={link.label} href={link.href} className="button button--secondary button--small">
              {link.label}
              <span className="visually-hidden">: {`${days} ${time}`}</span>
            </Link>
          ))}
        </span>
      </td>
    </tr>
  );
}
