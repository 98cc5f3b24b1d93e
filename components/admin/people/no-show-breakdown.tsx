import { BarChart, ChartSection } from "./bar-chart";
import type { NoShowBreakdown, NoShowFigures } from "@/lib/domain/statistics";

type Row = { key: string; label: string; figures: NoShowFigures };

/**
 * Where appointments are missed: by how far ahead they were booked, by weekday, by concern, and with or without a
 * reminder e-mail. Each as a chart of rates with its table (ChartSection), like the rest of the statistics page.
 */
export function NoShowBreakdownSections({
  breakdown,
  t,
  weekdayName,
  concernName,
  number,
  rate,
}: {
  breakdown: NoShowBreakdown;
  /** `adminPeople.statistics.noShowBreakdown` */
  t: (key: string) => string;
  weekdayName: (weekday: number) => string;
  concernName: (id: number) => string;
  number: (value: number) => string;
  rate: (value: number | null) => string;
}) {
  const sections: { id: string; rows: Row[]; dimension: string }[] = [
    {
      id: "lead-time",
      dimension: t("leadTime.dimension"),
      rows: breakdown.byLeadTime.map((entry) => ({ key: entry.bucket, label: t(`leadTime.${entry.bucket}`), figures: entry })),
    },
    {
      id: "weekday",
      dimension: t("weekday.dimension"),
      rows: breakdown.byWeekday.filter((entry) => entry.dealtWith > 0).map((entry) => ({ key: String(entry.weekday), label: weekdayName(entry.weekday), figures: entry })),
    },
    {
      id: "concern",
      dimension: t("concern.dimension"),
      rows: breakdown.byConcern.map((entry) => ({ key: String(entry.concernId), label: concernName(entry.concernId), figures: entry })),
    },
    {
      id: "reminder",
      dimension: t("reminder.dimension"),
      rows: [
        { key: "reminded", label: t("reminder.reminded"), figures: breakdown.byReminder.reminded },
        { key: "not-reminded", label: t("reminder.notReminded"), figures: breakdown.byReminder.notReminded },
      ],
    },
  ];
  return sections.map(({ id, rows, dimension }) => {
    const title = t(`${id === "lead-time" ? "leadTime" : id}.title`);
    return (
      <ChartSection
        key={id}
        id={`no-show-${id}-title`}
        title={title}
        explanation={t(`${id === "lead-time" ? "leadTime" : id}.explain`)}
        tableLabel={t("table")}
        chart={
          <BarChart
            max={1}
            rows={rows.map((row) => ({
              key: row.key,
              label: row.label,
              value: row.figures.rate ?? 0,
              valueText: `${rate(row.figures.rate)} (${number(row.figures.noShows)}/${number(row.figures.dealtWith)})`,
            }))}
          />
        }
      >
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{dimension}</th>
              <th scope="col">{t("noShows")}</th>
              <th scope="col">{t("dealtWith")}</th>
              <th scope="col">{t("rate")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <td>{number(row.figures.noShows)}</td>
                <td>{number(row.figures.dealtWith)}</td>
                <td>{rate(row.figures.rate)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ChartSection>
    );
  });
}
