import { and, asc, eq, gt, gte, inArray, lt, lte } from "drizzle-orm";
import { bookingItems, bookings, capacityWindows, closures, concerns, locations, openingHours, queueEntries } from "@/db/schema";
import { APPOINTMENT_STATUSES, BOOKING_CHANNELS, DEFAULT_TIME_ZONE, type Language } from "@/lib/domain/enums";
import { isFederalStateCode } from "@/lib/domain/holidays";
import { queueFigures, type QueueFigures } from "@/lib/domain/queue";
import { computeStatistics, type NoShowFigures, type Statistics, type StatisticsBooking, type StatisticsLocation } from "@/lib/domain/statistics";
import { addDays, instantToZoned, type IsoWeekday, type LocalDate } from "@/lib/domain/zoned-time";
import { NotFoundError } from "@/lib/errors";
import type { StatisticsQuery } from "@/lib/validation/admin-people";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";

const DEFAULT_PERIOD_DAYS = 30;
const MS_PER_DAY = 86_400_000;

export type StatisticsLocationOption = { id: number; name: string; active: boolean; timeZone: string };

export type StatisticsReport = {
  query: StatisticsQuery;
  statistics: Statistics;
  /** The locations reported on, in display order. */
  locations: StatisticsLocationOption[];
  /** Concern names for the concerns that occur in the report. */
  concernNames: Record<number, { de: string; en: string }>;
  /** The hall: waiting and service times and absences of checked-in appointments and walk-in tickets. */
  queue: QueueFigures;
};

/** The last 30 days up to and including today, "today" in the given zone (see statisticsTimeZone). */
export function defaultStatisticsPeriod(now: Date, timeZone: string = DEFAULT_TIME_ZONE): { from: LocalDate; to: LocalDate } {
  const today = instantToZoned(now, timeZone).date;
  return { from: addDays(today, -(DEFAULT_PERIOD_DAYS - 1)), to: today };
}

/**
 * The zone that decides what "today" is for the default period: the chosen location's (`standort` as the page and the
 * export receive it), or the installation's default zone for all locations (or an unknown choice, which the query
 * schema then refuses).
 */
export async function statisticsTimeZone(access: StaffAccess, standort: string | null | undefined): Promise<string> {
  const chosen = (await statisticsLocationOptions(access)).find((option) => String(option.id) === standort);
  return chosen?.timeZone ?? DEFAULT_TIME_ZONE;
}

/** Every location, also inactive ones: their past bookings still belong in the statistics. */
export async function statisticsLocationOptions(access: StaffAccess): Promise<StatisticsLocationOption[]> {
  const db = authorize(access, "admin").db;
  return await db
    .select({ id: locations.id, name: locations.name, active: locations.active, timeZone: locations.timeZone })
    .from(locations)
    .orderBy(asc(locations.position), asc(locations.id));
}

/**
 * Loads what the statistics need, and only that: bookings without any personal column (status, channel, location,
 * times, concerns and quantities; anonymised bookings keep exactly these), plus each location's opening hours,
 * capacity windows and closures. The numbers themselves come from the pure `computeStatistics`.
 */
export async function loadStatistics(access: StaffAccess, query: StatisticsQuery): Promise<StatisticsReport> {
  const db = authorize(access, "admin").db;
  const options = await statisticsLocationOptions(access);
  const chosen = query.locationId === null ? options : options.filter((option) => option.id === query.locationId);
  if (chosen.length === 0 && query.locationId !== null) throw new NotFoundError("location");
  const ids = chosen.map((option) => option.id);

  // Two days either side of the calendar period cover any time-zone offset; the domain function then keeps exactly
  // the bookings whose start falls on one of the period's days in their location's time zone.
  const rangeStart = new Date(Date.parse(`${query.from}T00:00:00Z`) - 2 * MS_PER_DAY);
  const rangeEnd = new Date(Date.parse(`${addDays(query.to, 1)}T00:00:00Z`) + 2 * MS_PER_DAY);

  const locationRows = ids.length === 0 ? [] : (await db.select().from(locations).where(inArray(locations.id, ids)));
  const hourRows = ids.length === 0 ? [] : (await db.select().from(openingHours).where(inArray(openingHours.locationId, ids)));
  const windowRows = ids.length === 0 ? [] : (await db.select().from(capacityWindows).where(inArray(capacityWindows.locationId, ids)));
  const closureRows = await db
    .select({ locationId: closures.locationId, startsAt: closures.startsAt, endsAt: closures.endsAt })
    .from(closures)
    .where(and(lt(closures.startsAt, rangeEnd), gt(closures.endsAt, rangeStart)));

  const inPeriod = and(inArray(bookings.locationId, ids), gte(bookings.startsAt, rangeStart), lt(bookings.startsAt, rangeEnd));
  const bookingRows =
    ids.length === 0
      ? []
      : (await db
          .select({
            id: bookings.id,
            locationId: bookings.locationId,
            status: bookings.status,
            channel: bookings.channel,
            startsAt: bookings.startsAt,
            endsAt: bookings.endsAt,
            createdAt: bookings.createdAt,
            reminderSentAt: bookings.reminderSentAt,
          })
          .from(bookings)
          .where(inPeriod));
  const itemRows =
    ids.length === 0
      ? []
      : (await db
          .select({ bookingId: bookingItems.bookingId, concernId: bookingItems.concernId, quantity: bookingItems.quantity })
          .from(bookingItems)
          .innerJoin(bookings, eq(bookings.id, bookingItems.bookingId))
          .where(inPeriod));
  const itemsByBooking = new Map<number, { concernId: number; quantity: number }[]>();
  for (const item of itemRows) {
    const list = itemsByBooking.get(item.bookingId) ?? [];
    list.push({ concernId: item.concernId, quantity: item.quantity });
    itemsByBooking.set(item.bookingId, list);
  }

  const statisticsLocations: StatisticsLocation[] = ids.map((id) => {
    const location = locationRows.find((row) => row.id === id)!;
    if (!isFederalStateCode(location.federalState)) {
      throw new Error(`Location ${location.id} has an unknown federal state: ${location.federalState}`);
    }
    return {
      id,
      timeZone: location.timeZone,
      federalState: location.federalState,
      openingHours: hourRows
        .filter((row) => row.locationId === id)
        .map((row) => ({ weekday: row.weekday as IsoWeekday, startMinute: row.startMinute, endMinute: row.endMinute })),
      capacityWindows: windowRows
        .filter((row) => row.locationId === id)
        .map((row) => ({
          weekday: row.weekday as IsoWeekday | null,
          validFrom: row.validFrom,
          validUntil: row.validUntil,
          startMinute: row.startMinute,
          endMinute: row.endMinute,
          onlineCounters: row.onlineCounters,
          staffCounters: row.staffCounters,
        })),
      closures: closureRows.filter((row) => row.locationId === null || row.locationId === id),
    };
  });
  const statisticsBookings: StatisticsBooking[] = bookingRows.map((row) => ({
    locationId: row.locationId,
    status: row.status,
    channel: row.channel,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    items: itemsByBooking.get(row.id) ?? [],
    createdAt: row.createdAt,
    reminded: row.reminderSentAt !== null,
  }));

  const queueRows =
    ids.length === 0
      ? []
      : (await db
          .select({
            status: queueEntries.status,
            kind: queueEntries.kind,
            arrivedAt: queueEntries.arrivedAt,
            calledAt: queueEntries.calledAt,
            serviceStartedAt: queueEntries.serviceStartedAt,
            finishedAt: queueEntries.finishedAt,
          })
          .from(queueEntries)
          .where(and(inArray(queueEntries.locationId, ids), gte(queueEntries.serviceDate, query.from), lte(queueEntries.serviceDate, query.to))));

  const statistics = computeStatistics({ from: query.from, to: query.to, locations: statisticsLocations, bookings: statisticsBookings });

  const concernIds = [...new Set([...statistics.byConcern, ...statistics.noShowBreakdown.byConcern].map((entry) => entry.concernId))];
  const concernRows =
    concernIds.length === 0
      ? []
      : (await db.select({ id: concerns.id, nameDe: concerns.nameDe, nameEn: concerns.nameEn }).from(concerns).where(inArray(concerns.id, concernIds)));
  const concernNames = Object.fromEntries(concernRows.map((row) => [row.id, { de: row.nameDe, en: row.nameEn }]));

  return { query, statistics, locations: chosen, concernNames, queue: queueFigures(queueRows) };
}

// CSV ------------------------------------------------------------------------------------------------------------

/** Looks up a label of a catalogue (`adminPeople.statistics`, `hall.statistics`; the route handler passes next-intl's translators). */
export type StatisticsLabels = (key: string, values?: Record<string, string | number>) => string;

/**
 * The report as CSV for spreadsheet programs as German offices use them: UTF-8 with a byte order mark (so Excel reads
 * umlauts), semicolons between cells and a decimal comma. One file with a titled section per table.
 */
export function statisticsCsv(report: StatisticsReport, t: StatisticsLabels, language: Language, tQueue: StatisticsLabels): string {
  const { statistics, query } = report;
  const number = (value: number, digits = 0) =>
    new Intl.NumberFormat("de-DE", { useGrouping: false, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  const percent = (rate: number | null) => (rate === null ? "" : number(rate * 100, 1));
  const date = (value: LocalDate) => (language === "de" ? `${value.slice(8, 10)}.${value.slice(5, 7)}.${value.slice(0, 4)}` : value);
  const locationName = (id: number) => report.locations.find((location) => location.id === id)?.name ?? String(id);
  const concernName = (id: number) => report.concernNames[id]?.[language] ?? String(id);
  const minutes = (value: number | null) => (value === null ? "" : number(value, 1));
  const share = (part: number, whole: number) => (whole > 0 ? number((part / whole) * 100, 1) : "");

  const rows: (string | number)[][] = [
    [t("csv.title")],
    [t("csv.period"), date(query.from), date(query.to)],
    [t("csv.location"), query.locationId === null ? t("allLocations") : locationName(query.locationId)],
    [],
    [t("csv.overview")],
    [t("csv.figure"), t("csv.value")],
    [t("figures.bookings"), statistics.bookings],
    [t("figures.cancelled"), statistics.cancelled],
    ...APPOINTMENT_STATUSES.map((status) => [t("csv.status", { status: t(`status.${status}`) }), statistics.byStatus[status]]),
    [t("csv.noShowRate"), percent(statistics.noShow.rate)],
    [t("csv.utilisationRate"), percent(statistics.utilisation.overall.rate)],
    [],
    [t("concerns.title")],
    [t("concerns.concern"), t("concerns.bookings"), t("concerns.quantity")],
    ...statistics.byConcern.map((entry) => [concernName(entry.concernId), entry.bookings, entry.quantity]),
    [],
    [t("locations.title")],
    [t("locations.location"), t("locations.bookings"), t("locations.cancelled")],
    ...statistics.byLocation.map((entry) => [locationName(entry.locationId), entry.bookings, entry.cancelled]),
    [],
    [t("days.title")],
    [t("days.date"), t("days.bookings")],
    ...statistics.byDay.map((entry) => [date(entry.date), entry.bookings]),
    [],
    [t("channels.title")],
    [t("channels.channel"), t("channels.bookings"), t("csv.sharePercent")],
    ...BOOKING_CHANNELS.map((channel) => [t(`channel.${channel}`), statistics.byChannel[channel], share(statistics.byChannel[channel], statistics.bookings)]),
    [],
    [t("noShow.title")],
    [t("noShow.noShows"), t("noShow.dealtWith"), t("csv.ratePercent")],
    [statistics.noShow.noShows, statistics.noShow.dealtWith, percent(statistics.noShow.rate)],
    ...noShowBreakdownRows(statistics.noShowBreakdown, t, language, concernName, percent),
    [],
    [t("utilisation.title")],
    [t("utilisation.location"), t("csv.bookedMinutes"), t("csv.capacityMinutes"), t("csv.ratePercent")],
    ...statistics.utilisation.byLocation.map((entry) => [
      locationName(entry.locationId),
      number(entry.bookedMinutes),
      number(entry.capacityMinutes),
      percent(entry.rate),
    ]),
    [
      t("utilisation.total"),
      number(statistics.utilisation.overall.bookedMinutes),
      number(statistics.utilisation.overall.capacityMinutes),
      percent(statistics.utilisation.overall.rate),
    ],
    [],
    [tQueue("title")],
    [t("csv.figure"), t("csv.value")],
    [tQueue("entries"), report.queue.entries],
    [tQueue("csv.walkIns"), report.queue.walkIns],
    [tQueue("csv.waitingAverage"), minutes(report.queue.waitingMinutes.average)],
    [tQueue("csv.waitingP90"), minutes(report.queue.waitingMinutes.p90)],
    [tQueue("csv.serviceAverage"), minutes(report.queue.serviceMinutes.average)],
    [tQueue("csv.serviceP90"), minutes(report.queue.serviceMinutes.p90)],
    [tQueue("csv.called"), report.queue.called],
    [tQueue("csv.absent"), report.queue.absent],
    [tQueue("csv.absentRate"), percent(report.queue.absentRate)],
  ];
  return "\uFEFF" + rows.map((row) => row.map(csvCell).join(";")).join("\r\n") + "\r\n";
}

/** The no-show breakdown's four tables, each after an empty row: title, header, one row per group. */
function noShowBreakdownRows(
  breakdown: StatisticsReport["statistics"]["noShowBreakdown"],
  t: StatisticsLabels,
  language: Language,
  concernName: (id: number) => string,
  percent: (rate: number | null) => string,
): (string | number)[][] {
  // 23 November 2026 was a Monday: weekday n falls on the (22 + n)th.
  const weekdayName = (weekday: number) => new Intl.DateTimeFormat(language, { weekday: "long", timeZone: "UTC" }).format(Date.UTC(2026, 10, 22 + weekday));
  const table = (key: string, groups: { label: string; figures: NoShowFigures }[]) => [
    [],
    [t(`noShowBreakdown.${key}.title`)],
    [t(`noShowBreakdown.${key}.dimension`), t("noShow.noShows"), t("noShow.dealtWith"), t("csv.ratePercent")],
    ...groups.map(({ label, figures }) => [label, figures.noShows, figures.dealtWith, percent(figures.rate)]),
  ];
  return [
    ...table("leadTime", breakdown.byLeadTime.map((entry) => ({ label: t(`noShowBreakdown.leadTime.${entry.bucket}`), figures: entry }))),
    ...table("weekday", breakdown.byWeekday.filter((entry) => entry.dealtWith > 0).map((entry) => ({ label: weekdayName(entry.weekday), figures: entry }))),
    ...table("concern", breakdown.byConcern.map((entry) => ({ label: concernName(entry.concernId), figures: entry }))),
    ...table("reminder", [
      { label: t("noShowBreakdown.reminder.reminded"), figures: breakdown.byReminder.reminded },
      { label: t("noShowBreakdown.reminder.notReminded"), figures: breakdown.byReminder.notReminded },
    ]),
  ];
}

export function statisticsCsvFileName(query: StatisticsQuery, language: Language): string {
  return `${language === "de" ? "statistik" : "statistics"}_${query.from}_${query.to}.csv`;
}

/**
 * One cell: quoted when it holds a separator, quote or line break. Text that a spreadsheet would run as a formula
 * (a concern named "=…", "+…", "-…", "@…") gets a leading apostrophe, as OWASP advises against CSV injection.
 */
function csvCell(value: string | number): string {
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

