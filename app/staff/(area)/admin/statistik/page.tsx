import { getTranslations } from "next-intl/server";
import { BarChart, ChartSection } from "@/components/admin/people/bar-chart";
import { NoShowBreakdownSections } from "@/components/admin/people/no-show-breakdown";
import { formatDayLabel, formatNumber, formatPercent, formatShortDate } from "@/components/admin/people/format";
import { ErrorSummary } from "@/components/ui/error-summary";
import { requireStaffPage } from "@/lib/auth/staff";
import { APPOINTMENT_STATUSES, BOOKING_CHANNELS } from "@/lib/domain/enums";
import { getLanguage } from "@/lib/i18n/server";
import { defaultStatisticsPeriod, loadStatistics, statisticsLocationOptions, statisticsTimeZone, type StatisticsReport } from "@/lib/services/admin/statistics";
import { statisticsQuerySchema } from "@/lib/validation/admin-people";
import { fieldErrorsFrom } from "@/lib/validation/field-errors";

const PATH = "/staff/admin/statistik";
type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const FIELDS = ["von", "bis", "standort"] as const;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export async function generateMetadata() {
  const t = await getTranslations("adminPeople.statistics");
  return { title: t("title") };
}

export default async function StatisticsPage({ searchParams }: { searchParams: SearchParams }) {
  const access = await requireStaffPage("admin");
  const [t, tQueue, tBreakdown, tCommon, tOwnErrors, tErrors, language, raw] = await Promise.all([
    getTranslations("adminPeople.statistics"),
    getTranslations("hall.statistics"),
    getTranslations("adminPeople.statistics.noShowBreakdown"),
    getTranslations("common"),
    getTranslations("adminPeople.fieldErrors"),
    getTranslations("errors.fields"),
    getLanguage(),
    searchParams,
  ]);
  const locationOptions = await statisticsLocationOptions(access);
  const defaults = defaultStatisticsPeriod(access.now(), await statisticsTimeZone(access, first(raw.standort)));
  const input = { von: first(raw.von) ?? defaults.from, bis: first(raw.bis) ?? defaults.to, standort: first(raw.standort) };

  const parsed = statisticsQuerySchema.safeParse(input);
  let fieldErrors: Record<string, string[]> = parsed.success ? {} : fieldErrorsFrom(parsed.error);
  if (parsed.success && parsed.data.locationId !== null && !locationOptions.some((option) => option.id === parsed.data.locationId)) {
    fieldErrors = { standort: ["location_unknown"] };
  }
  const report = parsed.success && Object.keys(fieldErrors).length === 0 ? await loadStatistics(access, parsed.data) : null;

  const errorText = (code: string) => (tOwnErrors.has(code) ? tOwnErrors(code) : tErrors.has(code) ? tErrors(code) : tErrors("invalid"));
  const errorFor = (field: (typeof FIELDS)[number]) => (fieldErrors[field]?.[0] ? errorText(fieldErrors[field][0]) : undefined);
  const summary = FIELDS.flatMap((field) => {
    const message = errorFor(field);
    return message ? [{ fieldId: field, message }] : [];
  });
  const locationLabel = (option: { name: string; active: boolean }) => (option.active ? option.name : t("inactive", { name: option.name }));

  const dateField = (field: "von" | "bis", label: string) => {
    const error = errorFor(field);
    return (
      <div className={error ? "field field--error" : "field"}>
        <label htmlFor={field}>{label}</label>
        {error && (
          <span className="error-message" id={`${field}-error`}>
            {error}
          </span>
        )}
        <input id={field} name={field} type="date" defaultValue={input[field]} aria-invalid={error ? true : undefined} aria-describedby={error ? `${field}-error` : undefined} />
      </div>
    );
  };
  const locationError = errorFor("standort");

  return (
    <>
      <h1>{t("title")}</h1>
      <p className="reading">{t("intro")}</p>

      <ErrorSummary entries={summary} />
      <form method="get" action={PATH} noValidate>
        <fieldset>
          <legend>{t("filters")}</legend>
          <div className="toolbar">
            {dateField("von", t("from"))}
            {dateField("bis", t("to"))}
            <div className={locationError ? "field field--error" : "field"}>
              <label htmlFor="standort">{t("location")}</label>
              {locationError && (
                <span className="error-message" id="standort-error">
                  {locationError}
                </span>
              )}
              <select
                id="standort"
                name="standort"
                defaultValue={input.standort ?? "alle"}
                aria-invalid={locationError ? true : undefined}
                aria-describedby={locationError ? "standort-error" : undefined}
              >
                <option value="alle">{t("allLocations")}</option>
                {locationOptions.map((option) => (
                  <option key={option.id} value={String(option.id)}>
                    {locationLabel(option)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button--secondary">
              {t("apply")}
            </button>
          </div>
        </fieldset>
      </form>

      {report && <Report
          report={report}
          language={language}
          t={t}
          tQueue={tQueue}
          tBreakdown={(key) => tBreakdown(key as "table")}
          weekdayName={(weekday) => tCommon(`weekday.${weekday}` as "weekday.1")}
          locationLabel={locationLabel}
        />}
    </>
  );
}

type Translate = Awaited<ReturnType<typeof getTranslations<"adminPeople.statistics">>>;
type TranslateQueue = Awaited<ReturnType<typeof getTranslations<"hall.statistics">>>;

function Report({
  report,
  language,
  t,
  tQueue,
  tBreakdown,
  weekdayName,
  locationLabel,
}: {
  report: StatisticsReport;
  language: "de" | "en";
  t: Translate;
  tQueue: TranslateQueue;
  tBreakdown: (key: string) => string;
  weekdayName: (weekday: number) => string;
  locationLabel: (option: { name: string; active: boolean }) => string;
}) {
  const { statistics, query } = report;
  const number = (value: number) => formatNumber(value, language);
  const hours = (minutes: number) => formatNumber(minutes / 60, language, 1);
  const rate = (value: number | null) => (value === null ? t("noRate") : formatPercent(value, language));
  const locationName = (id: number) => {
    const option = report.locations.find((location) => location.id === id);
    return option ? locationLabel(option) : String(id);
  };
  const concernName = (id: number) => report.concernNames[id]?.[language] ?? String(id);
  const share = (part: number) => (statistics.bookings > 0 ? formatPercent(part / statistics.bookings, language) : t("noRate"));
  const scope = query.locationId === null ? t("allLocations") : locationName(query.locationId);
  const exportParams = new URLSearchParams({ von: query.from, bis: query.to, standort: query.locationId === null ? "alle" : String(query.locationId) });
  const maxRate = Math.max(1, ...statistics.utilisation.byLocation.map((entry) => entry.rate ?? 0));

  return (
    <>
      <p className="lead">{t("period", { from: formatShortDate(query.from, language), to: formatShortDate(query.to, language), location: scope })}</p>
      <p>
        <a className="button button--secondary" href={`${PATH}/export?${exportParams.toString()}`} download>
          {t("download")}
        </a>{" "}
        <span className="hint" style={{ display: "inline" }}>
          {t("downloadHint")}
        </span>
      </p>

      <section aria-labelledby="figures-title" style={{ marginBottom: "var(--space-6)" }}>
        <h2 id="figures-title">{t("figures.title")}</h2>
        <dl className="summary-list">
          <dt>{t("figures.bookings")}</dt>
          <dd>{number(statistics.bookings)}</dd>
          <dt>{t("figures.cancelled")}</dt>
          <dd>{number(statistics.cancelled)}</dd>
          <dt>{t("figures.noShowRate")}</dt>
          <dd>
            {rate(statistics.noShow.rate)}
            <span className="hint">
              {t("figures.noShowDetail", { noShows: number(statistics.noShow.noShows), dealtWith: number(statistics.noShow.dealtWith) })}
            </span>
          </dd>
          <dt>{t("figures.utilisation")}</dt>
          <dd>
            {rate(statistics.utilisation.overall.rate)}
            <span className="hint">
              {t("figures.utilisationDetail", {
                booked: hours(statistics.utilisation.overall.bookedMinutes),
                capacity: hours(statistics.utilisation.overall.capacityMinutes),
              })}
            </span>
          </dd>
        </dl>
      </section>

      <QueueFigures report={report} language={language} t={tQueue} />

      <ChartSection
        id="concerns-title"
        title={t("concerns.title")}
        tableLabel={t("table")}
        chart={
          statistics.byConcern.length === 0 ? (
            <p>{t("concerns.empty")}</p>
          ) : (
            <BarChart
              rows={statistics.byConcern.map((entry) => ({
                key: String(entry.concernId),
                label: concernName(entry.concernId),
                value: entry.bookings,
                valueText: t("concerns.bar", { bookings: number(entry.bookings), quantity: number(entry.quantity) }),
              }))}
            />
          )
        }
      >
        <table>
          <caption>{t("concerns.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("concerns.concern")}</th>
              <th scope="col">{t("concerns.bookings")}</th>
              <th scope="col">{t("concerns.quantity")}</th>
            </tr>
          </thead>
          <tbody>
            {statistics.byConcern.map((entry) => (
              <tr key={entry.concernId}>
                <th scope="row">{concernName(entry.concernId)}</th>
                <td>{number(entry.bookings)}</td>
                <td>{number(entry.quantity)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ChartSection>

      <ChartSection
        id="locations-title"
        title={t("locations.title")}
        tableLabel={t("table")}
        chart={
          <BarChart
            rows={statistics.byLocation.map((entry) => ({
              key: String(entry.locationId),
              label: locationName(entry.locationId),
              value: entry.bookings,
              valueText: t("locations.bar", { bookings: number(entry.bookings), cancelled: number(entry.cancelled) }),
            }))}
          />
        }
      >
        <table>
          <caption>{t("locations.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("locations.location")}</th>
              <th scope="col">{t("locations.bookings")}</th>
              <th scope="col">{t("locations.cancelled")}</th>
            </tr>
          </thead>
          <tbody>
            {statistics.byLocation.map((entry) => (
              <tr key={entry.locationId}>
                <th scope="row">{locationName(entry.locationId)}</th>
                <td>{number(entry.bookings)}</td>
                <td>{number(entry.cancelled)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ChartSection>

      <ChartSection
        id="days-title"
        title={t("days.title")}
        tableLabel={t("table")}
        chart={
          <BarChart
            rows={statistics.byDay.map((entry) => ({
              key: entry.date,
              label: formatDayLabel(entry.date, language),
              value: entry.bookings,
              valueText: number(entry.bookings),
            }))}
          />
        }
      >
        <table>
          <caption>{t("days.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("days.date")}</th>
              <th scope="col">{t("days.bookings")}</th>
            </tr>
          </thead>
          <tbody>
            {statistics.byDay.map((entry) => (
              <tr key={entry.date}>
                <th scope="row">
                  <time dateTime={entry.date}>{formatShortDate(entry.date, language)}</time>
                </th>
                <td>{number(entry.bookings)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ChartSection>

      <ChartSection
        id="channels-title"
        title={t("channels.title")}
        tableLabel={t("table")}
        chart={
          <BarChart
            rows={BOOKING_CHANNELS.map((channel) => ({
              key: channel,
              label: t(`channel.${channel}`),
              value: statistics.byChannel[channel],
              valueText: t("channels.bar", { bookings: number(statistics.byChannel[channel]), share: share(statistics.byChannel[channel]) }),
            }))}
          />
        }
      >
        <table>
          <caption>{t("channels.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("channels.channel")}</th>
              <th scope="col">{t("channels.bookings")}</th>
              <th scope="col">{t("channels.share")}</th>
            </tr>
          </thead>
          <tbody>
            {BOOKING_CHANNELS.map((channel) => (
              <tr key={channel}>
                <th scope="row">{t(`channel.${channel}`)}</th>
                <td>{number(statistics.byChannel[channel])}</td>
                <td>{share(statistics.byChannel[channel])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ChartSection>

      <ChartSection
        id="no-show-title"
        title={t("noShow.title")}
        explanation={t("noShow.explain")}
        tableLabel={t("table")}
        chart={
          <BarChart
            rows={APPOINTMENT_STATUSES.map((status) => ({
              key: status,
              label: t(`status.${status}`),
              value: statistics.byStatus[status],
              valueText: number(statistics.byStatus[status]),
            }))}
          />
        }
      >
        <table>
          <caption>{t("noShow.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("noShow.noShows")}</th>
              <th scope="col">{t("noShow.dealtWith")}</th>
              <th scope="col">{t("noShow.rate")}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>{number(statistics.noShow.noShows)}</td>
              <td>{number(statistics.noShow.dealtWith)}</td>
              <td>{rate(statistics.noShow.rate)}</td>
            </tr>
          </tbody>
        </table>
      </ChartSection>

      <NoShowBreakdownSections
        breakdown={statistics.noShowBreakdown}
        t={tBreakdown}
        weekdayName={weekdayName}
        concernName={concernName}
        number={number}
        rate={rate}
      />

      <ChartSection
        id="utilisation-title"
        title={t("utilisation.title")}
        explanation={t("utilisation.explain")}
        tableLabel={t("table")}
        chart={
          <BarChart
            max={maxRate}
            rows={statistics.utilisation.byLocation.map((entry) => ({
              key: String(entry.locationId),
              label: locationName(entry.locationId),
              value: entry.rate ?? 0,
              valueText: t("utilisation.bar", { rate: rate(entry.rate), booked: hours(entry.bookedMinutes), capacity: hours(entry.capacityMinutes) }),
            }))}
          />
        }
      >
        <table>
          <caption>{t("utilisation.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("utilisation.location")}</th>
              <th scope="col">{t("utilisation.booked")}</th>
              <th scope="col">{t("utilisation.capacity")}</th>
              <th scope="col">{t("utilisation.rate")}</th>
            </tr>
          </thead>
          <tbody>
            {statistics.utilisation.byLocation.map((entry) => (
              <tr key={entry.locationId}>
                <th scope="row">{locationName(entry.locationId)}</th>
                <td>{hours(entry.bookedMinutes)}</td>
                <td>{hours(entry.capacityMinutes)}</td>
                <td>{rate(entry.rate)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t("utilisation.total")}</th>
              <td>{hours(statistics.utilisation.overall.bookedMinutes)}</td>
              <td>{hours(statistics.utilisation.overall.capacityMinutes)}</td>
              <td>{rate(statistics.utilisation.overall.rate)}</td>
            </tr>
          </tbody>
        </table>
      </ChartSection>
    </>
  );
}

/** The hall's figures: waiting time to the call, service time and absences, from the queue. */
function QueueFigures({ report, language, t }: { report: StatisticsReport; language: "de" | "en"; t: TranslateQueue }) {
  const { queue } = report;
  const minutes = (figure: { average: number | null; p90: number | null }) =>
    figure.average === null || figure.p90 === null ? t("none") : t("minutes", { average: formatNumber(figure.average, language, 1), p90: formatNumber(figure.p90, language, 1) });
  return (
    <section aria-labelledby="queue-figures-title" style={{ marginBottom: "var(--space-6)" }}>
      <h2 id="queue-figures-title">{t("title")}</h2>
      {queue.entries === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <dl className="summary-list">
          <dt>{t("entries")}</dt>
          <dd>
            {formatNumber(queue.entries, language)}
            <span className="hint">{t("entriesDetail", { walkIns: formatNumber(queue.walkIns, language) })}</span>
          </dd>
          <dt>{t("waiting")}</dt>
          <dd>{minutes(queue.waitingMinutes)}</dd>
          <dt>{t("service")}</dt>
          <dd>{minutes(queue.serviceMinutes)}</dd>
          <dt>{t("absent")}</dt>
          <dd>
            {queue.absentRate === null ? t("none") : formatPercent(queue.absentRate, language)}
            {queue.absentRate !== null && <span className="hint">{t("absentDetail", { absent: formatNumber(queue.absent, language), called: formatNumber(queue.called, language) })}</span>}
          </dd>
        </dl>
      )}
    </section>
  );
}
