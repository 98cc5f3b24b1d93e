import { getTranslations } from "next-intl/server";
import { cookies } from "next/headers";
import Link from "next/link";
import { LiveRefresh } from "@/components/hall/live-refresh";
import { ActionButtons } from "@/components/staff/counter/action-buttons";
import { CounterChooser } from "@/components/staff/counter/counter-chooser";
import { CallNextButton } from "@/components/staff/counter/call-next-button";
import { FilterRows } from "@/components/staff/counter/filter-rows";
import { LocationDateFilter } from "@/components/staff/location-date-filter";
import { NoLocationYet } from "@/components/staff/no-location-yet";
import { requireStaffPage } from "@/lib/auth/staff";
import { hasRole } from "@/lib/auth/staff-access";
import type { BookingStatus } from "@/lib/domain/enums";
import type { QueueStep } from "@/lib/domain/queue";
import { addDays } from "@/lib/domain/zoned-time";
import { formatClock, formatLocalDate, formatTimeRange } from "@/lib/i18n/format";
import { getLanguage } from "@/lib/i18n/server";
import { setupChecklist } from "@/lib/services/admin/setup";
import { loadCounterQueue, type CounterQueueEntry } from "@/lib/services/queue/views";
import { allowedNextStatuses } from "@/lib/services/staff/booking-status";
import { loadDayView, type StaffBookingRow } from "@/lib/services/staff/day-view";
import { countUndelivered } from "@/lib/services/staff/undelivered";
import { waitingListCounts } from "@/lib/services/waiting-list/staff";
import { COUNTER_COOKIE, counterFromCookie, locationAndDate } from "@/lib/staff-page";
import { changeStatusAction } from "./actions";
import { callNextAction, chooseCounterAction, queueStepAction } from "./queue-actions";

export async function generateMetadata() {
  const t = await getTranslations("staff.day");
  return { title: t("title") };
}

const STATUS_TAG: Record<string, string> = { booked: "tag tag--info", checked_in: "tag tag--success", done: "tag", no_show: "tag tag--error", cancelled: "tag" };
const QUEUE_TAG: Record<string, string> = { waiting: "tag tag--info", called: "tag tag--warning", serving: "tag tag--success", parked: "tag", done: "tag", absent: "tag tag--error" };
const BOOKING_BUTTON: Partial<Record<BookingStatus, "checkIn" | "done" | "noShow" | "undo">> = { checked_in: "checkIn", done: "done", no_show: "noShow", booked: "undo" };

/** Going back a step (a finished or missed appointment reopened) reads "undo", not the status it returns to. */
const isUndo = (from: BookingStatus, to: BookingStatus) => (from === "done" && to === "checked_in") || to === "booked";

/** What the search matches: booking number (with and without dash), name and ticket number, lower-cased. */
const searchText = (...parts: (string | null | undefined)[]) =>
  parts
    .filter(Boolean)
    .join(" ")
    .toLowerCase()
    .replace(/[\s-]/g, "");

/**
 * The clerk's workstation: the queue of the hall on top (call next, the person at my counter with their concerns and
 * checklist), then the day's appointments as one list in time order. Every status is one click with undo, the lists
 * filter as one types, and the page keeps itself current (server-sent events; without JavaScript a refresh link).
 */
export default async function DayViewPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const access = await requireStaffPage();
  const [params, t, tc, language, cookieStore] = await Promise.all([searchParams, getTranslations("staff"), getTranslations("hall.counter"), getLanguage(), cookies()]);
  const { locations, location, date, today } = await locationAndDate(access, params);
  if (!location) return <NoLocationYet title={t("day.title")} access={access} />;
  const setupUnfinished = hasRole(access.user, "admin") && !(await setupChecklist(access)).complete;
  const view = await loadDayView(access, location, date, language);
  const counter = counterFromCookie(cookieStore.get(COUNTER_COOKIE)?.value);
  const isToday = date === today;
  const queue = isToday ? await loadCounterQueue(access, location, counter ?? 0, language) : null;
  // Across all days and locations: a citizen without a confirmation matters whichever day is on screen.
  const undelivered = await countUndelivered(access);
  // Counts only: names stay on the waiting-list page.
  const waiting = await waitingListCounts(access, location.id);
  const tWaiting = await getTranslations("waitingList.staff");
  const tz = location.timeZone;
  const href = (d: string) => `/staff?standort=${location.slug}&datum=${d}`;
  const query = (params.q ?? "").trim();
  const needle = searchText(query);
  const ticketOf = new Map((queue?.entries ?? []).flatMap((e) => (e.bookingId === null ? [] : [[e.bookingId, e] as const])));
  const matches = (text: string) => needle === "" || text.includes(needle);

  const stepButtons = (entry: CounterQueueEntry, steps: QueueStep[]) =>
    steps.filter((step) => step !== "transfer").map((step) => ({ name: "step", value: step, label: tc(`step.${step}`) }));

  const queueRow = (entry: CounterQueueEntry) => {
    const text = searchText(entry.label, entry.referenceCode, entry.citizenName);
    const rowId = `entry-${entry.id}`;
    const rowLabel = `${entry.label}${entry.citizenName ? ` ${entry.citizenName}` : ""}`;
    if (!matches(text)) return null;
    return (
      <tr key={entry.id} id={rowId} tabIndex={-1} data-search={text} aria-label={`${rowLabel}, ${tc(`status.${entry.status}`)}`}>
        <th scope="row">
          <span className="counter-ticket">{entry.label}</span>
        </th>
        <td>
          {entry.bookingId !== null ? <Link href={`/staff/termine/${entry.bookingId}`}>{entry.citizenName ?? entry.referenceCode}</Link> : tc("walkIn")}
          <div className="small">{entry.concerns.join(", ")}</div>
        </td>
        <td>
          {entry.appointmentAt && <div>{tc("appointmentAt", { time: formatClock(entry.appointmentAt, language, tz) })}</div>}
          <div className="small">{tc("arrived", { time: formatClock(entry.arrivedAt, language, tz) })}</div>
        </td>
        <td>
          <span className={QUEUE_TAG[entry.status]}>{tc(`status.${entry.status}`)}</span>
          {entry.counter !== null && (
            <div className="small">{entry.status === "waiting" ? tc("reservedFor", { counter: entry.counter }) : tc("atOtherCounter", { counter: entry.counter })}</div>
          )}
          {entry.callPosition !== null && <div className="small">{tc("position", { position: entry.callPosition })}</div>}
        </td>
        <td>
          {counter !== null && (
            <ActionButtons
              action={queueStepAction}
              hidden={{ entryId: entry.id, counter }}
              buttons={stepButtons(entry, entry.steps)}
              rowLabel={rowLabel}
              focusTargetId={rowId}
              transfer={entry.steps.includes("transfer") ? { label: tc("transferLabel"), buttonLabel: tc("step.transfer") } : undefined}
            />
          )}
        </td>
      </tr>
    );
  };

  const bookingRow = (b: StaffBookingRow) => {
    const entry = ticketOf.get(b.id);
    const text = searchText(b.referenceCode, b.citizenName, entry?.label);
    if (!matches(text)) return null;
    const rowId = `booking-${b.id}`;
    const rowLabel = `${formatClock(b.startsAt, language, tz)} ${b.citizenName || b.referenceCode}`;
    // Once in the queue, the queue's steps take over; "undo check-in" stays possible while the person still waits.
    const next = allowedNextStatuses(b.status).filter((s) => !(b.status === "checked_in" && s === "done") && !(b.status === "checked_in" && entry && entry.status !== "waiting"));
    return (
      <tr key={b.id} id={rowId} tabIndex={-1} data-search={text} aria-label={`${rowLabel}, ${t(`common.status.${b.status}`)}`}>
        <th scope="row">{formatTimeRange(b.startsAt, b.endsAt, language, tz)}</th>
        <td>
          <Link href={`/staff/termine/${b.id}`}>
            {b.citizenName || "—"}
            <span className="visually-hidden"> – {t("day.details")}</span>
          </Link>
          <div className="small">
            {t("day.reference", { code: b.referenceCode })} · {b.items.map((i) => `${i.quantity} × ${i.name}`).join(", ")} · {b.durationMinutes} min
            {b.phone && <> · {b.phone}</>}
          </div>
        </td>
        <td>
          <span className={STATUS_TAG[b.status]}>{t(`common.status.${b.status}`)}</span> <span className="tag">{t(`common.channel.${b.channel}`)}</span>
          {entry && (
            <div className="small">
              {entry.label} · {tc(`status.${entry.status}`)}
            </div>
          )}
        </td>
        <td>
          <ActionButtons
            action={changeStatusAction}
            hidden={{ bookingId: b.id }}
            buttons={next.map((status) => ({ name: "status", value: status, label: t(`day.${isUndo(b.status, status) ? "undo" : (BOOKING_BUTTON[status] ?? "undo")}`) }))}
            rowLabel={rowLabel}
            focusTargetId={rowId}
          />
        </td>
      </tr>
    );
  };

  const openEntries = queue?.entries.filter((e) => e.status !== "done" && e.status !== "absent") ?? [];
  const closedEntries = queue?.entries.filter((e) => e.status === "done" || e.status === "absent") ?? [];

  return (
    <>
      <h1>
        {t("day.title")}: {formatLocalDate(date, language)}
      </h1>
      <LocationDateFilter action="/staff" locations={locations} locationSlug={location.slug} date={date} />
      <nav className="toolbar no-print" aria-label={t("day.filter")}>
        <Link href={href(addDays(date, -1))}>‹ {t("day.previous")}</Link>
        {!isToday && <Link href={href(today)}>{t("day.today")}</Link>}
        <Link href={href(addDays(date, 1))}>{t("day.next")} ›</Link>
        <Link href={`/staff/tagesliste?standort=${location.slug}&datum=${date}`}>{t("day.printList")}</Link>
        <Link href={`/aufruf/${location.slug}`}>{tc("display")}</Link>
      </nav>

      {setupUnfinished && (
        <div className="notice notice--warning">
          <p>
            {t("setup.unfinished")} <Link href="/staff/admin/einrichtung">{t("setup.toChecklist")}</Link>
          </p>
        </div>
      )}
      {view.holiday && (
        <div className="notice notice--warning">
          <p>{t("day.holiday", { name: view.holiday.name[language] })}</p>
        </div>
      )}
      {view.closures.map((c) => (
        <div key={c.startsAt.toISOString()} className="notice notice--warning">
          <p>{t("day.closure", { from: formatClock(c.startsAt, language, tz), to: formatClock(c.endsAt, language, tz), reason: c.reason })}</p>
        </div>
      ))}
      {view.openingRanges.length === 0 && !view.holiday && (
        <div className="notice">
          <p>{t("day.closedToday")}</p>
        </div>
      )}
      {undelivered > 0 && (
        <div className="notice notice--warning">
          <p>
            {t("day.undelivered", { count: undelivered })} <Link href="/staff/nicht-zugestellt">{t("day.undeliveredLink")}</Link>
          </p>
        </div>
      )}

      {(waiting.waiting > 0 || waiting.offered > 0) && (
        <p>
          <Link href={`/staff/warteliste?standort=${location.slug}`}>{tWaiting("count", { count: waiting.waiting + waiting.offered })}</Link>
          {" · "}
          {tWaiting("offersOpen", { count: waiting.offered })}
        </p>
      )}

      <FilterRows containerIds={["queue-list", "day-list"]} initial={query} keep={{ standort: location.slug, datum: date }} />
      <p className="small no-print">
        <Link href={`/staff/suche${query ? `?q=${encodeURIComponent(query)}` : ""}`}>{tc("searchAllDays")}</Link>
      </p>

      {queue && (
        <section aria-labelledby="queue-title" className="counter-queue">
          <h2 id="queue-title">
            {tc("queueTitle")} <span className="small">({tc("waiting", { count: queue.waiting })})</span>
          </h2>
          <div className="toolbar no-print">
            <CounterChooser action={chooseCounterAction} counter={counter} />
            {counter !== null && <CallNextButton action={callNextAction} locationId={location.id} counter={counter} />}
          </div>
          {counter === null && <p>{tc("noCounter")}</p>}
          {queue.current && (
            <article className="card counter-current" id={`entry-${queue.current.id}-current`} tabIndex={-1} aria-labelledby="current-title">
              <h3 id="current-title">{tc("current", { counter: counter ?? 0, label: queue.current.label })}</h3>
              <p>
                <span className={QUEUE_TAG[queue.current.status]}>{tc(`status.${queue.current.status}`)}</span>{" "}
                {queue.current.bookingId !== null ? (
                  <Link href={`/staff/termine/${queue.current.bookingId}`}>{queue.current.citizenName ?? queue.current.referenceCode}</Link>
                ) : (
                  tc("walkIn")
                )}
                {queue.current.appointmentAt && <> · {tc("appointmentAt", { time: formatClock(queue.current.appointmentAt, language, tz) })}</>}
              </p>
              <div className="grid">
                <div>
                  <h4>{tc("concerns")}</h4>
                  <ul>
                    {queue.current.concerns.map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                  </ul>
                </div>
                <div>
                  <h4>{tc("checklist")}</h4>
                  {queue.current.checklist.required.length === 0 && queue.current.checklist.conditional.length === 0 && <p>{tc("noChecklist")}</p>}
                  {queue.current.checklist.required.length > 0 && (
                    <ul>
                      {queue.current.checklist.required.map((item) => (
                        <li key={item.key}>
                          {item.quantity} × {item.name}
                        </li>
                      ))}
                    </ul>
                  )}
                  {queue.current.checklist.conditional.length > 0 && (
                    <>
                      <h5>{tc("checklistConditional")}</h5>
                      <ul>
                        {queue.current.checklist.conditional.map((item) => (
                          <li key={item.key}>
                            {item.quantity} × {item.name} ({item.conditions.join("; ")})
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </div>
              </div>
              <ActionButtons
                action={queueStepAction}
                hidden={{ entryId: queue.current.id, counter: counter ?? 0 }}
                buttons={stepButtons(queue.current, queue.current.steps)}
                rowLabel={queue.current.label}
                focusTargetId="queue-title"
                transfer={{ label: tc("transferLabel"), buttonLabel: tc("step.transfer") }}
              />
            </article>
          )}
          {openEntries.length === 0 ? (
            <p>{tc("emptyQueue")}</p>
          ) : (
            <div className="table-wrap">
              <table id="queue-list" className="counter-table">
                <caption className="visually-hidden">{tc("queueTitle")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{tc("ticket")}</th>
                    <th scope="col">{tc("person")}</th>
                    <th scope="col">{tc("time")}</th>
                    <th scope="col">{tc("state")}</th>
                    <th scope="col">{tc("actions")}</th>
                  </tr>
                </thead>
                <tbody>{openEntries.map(queueRow)}</tbody>
              </table>
            </div>
          )}
          {closedEntries.length > 0 && (
            <details>
              <summary>{tc("finished", { count: closedEntries.length })}</summary>
              <div className="table-wrap">
                <table className="counter-table">
                  <caption className="visually-hidden">{tc("finished", { count: closedEntries.length })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{tc("ticket")}</th>
                      <th scope="col">{tc("person")}</th>
                      <th scope="col">{tc("time")}</th>
                      <th scope="col">{tc("state")}</th>
                      <th scope="col">{tc("actions")}</th>
                    </tr>
                  </thead>
                  <tbody>{closedEntries.map(queueRow)}</tbody>
                </table>
              </div>
            </details>
          )}
        </section>
      )}

      <section aria-labelledby="day-list-title">
        <h2 id="day-list-title">{tc("dayList")}</h2>
        <p>
          {t("day.summary", {
            all: view.counts.all,
            booked: view.counts.booked,
            checkedIn: view.counts.checked_in,
            done: view.counts.done,
            noShow: view.counts.no_show,
            online: view.counts.online,
            phone: view.counts.phone,
            walkIn: view.counts.walk_in,
          })}
        </p>
        {view.active.length === 0 ? (
          <p>{t("day.noBookings")}</p>
        ) : (
          <div className="table-wrap">
            <table id="day-list" className="counter-table">
              <caption className="visually-hidden">{tc("dayList")}</caption>
              <thead>
                <tr>
                  <th scope="col">{tc("time")}</th>
                  <th scope="col">{tc("person")}</th>
                  <th scope="col">{tc("state")}</th>
                  <th scope="col">{tc("actions")}</th>
                </tr>
              </thead>
              <tbody>{view.active.map(bookingRow)}</tbody>
            </table>
          </div>
        )}
      </section>

      {isToday && (
        <p className="small no-print">
          <LiveRefresh eventsUrl={`/aufruf/${location.slug}/ereignisse`} />
          {tc("live")} <Link href={`${href(date)}${query ? `&q=${encodeURIComponent(query)}` : ""}`}>{tc("refresh")}</Link>
        </p>
      )}

      {view.capacity.length > 0 && (
        <details>
          <summary>{t("day.capacityTitle")}</summary>
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t("day.capacityCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("day.hour")}</th>
                  <th scope="col">{t("day.counters")}</th>
                  <th scope="col">{t("day.staffOnly")}</th>
                  <th scope="col">{t("day.walkIn")}</th>
                  <th scope="col">{t("day.bookedMax")}</th>
                  <th scope="col">{t("day.freeMin")}</th>
                </tr>
              </thead>
              <tbody>
                {view.capacity.map((row) => (
                  <tr key={row.startsAt.toISOString()}>
                    <th scope="row">{formatTimeRange(row.startsAt, row.endsAt, language, tz)}</th>
                    <td>{row.counters}</td>
                    <td>{row.staffOnly}</td>
                    <td>{row.walkIn}</td>
                    <td>{row.bookedMax}</td>
                    <td>
                      <strong>{row.freeMin}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}

      {view.cancelled.length > 0 && (
        <details>
          <summary>{t("day.cancelledTitle", { count: view.cancelled.length })}</summary>
          <ul>
            {view.cancelled.map((b) => (
              <li key={b.id}>
                {formatTimeRange(b.startsAt, b.endsAt, language, tz)} · <Link href={`/staff/termine/${b.id}`}>{b.citizenName || b.referenceCode}</Link> ·{" "}
                {b.items.map((i) => `${i.quantity} × ${i.name}`).join(", ")}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}
