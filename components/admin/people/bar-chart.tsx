import { Fragment } from "react";

export type BarRow = { key: string; label: string; value: number; valueText: string };

/**
 * Horizontal bars with their values written out. Purely visual: it is hidden from assistive technology, and every
 * chart on the page is paired with a real table holding the same numbers (see ChartSection).
 */
export function BarChart({ rows, max }: { rows: readonly BarRow[]; max?: number }) {
  const top = max ?? Math.max(0, ...rows.map((row) => row.value));
  return (
    <div
      aria-hidden="true"
      style={{
        display: "grid",
        gridTemplateColumns: "minmax(0, max-content) minmax(3rem, 1fr) max-content",
        gap: "0.375rem 0.75rem",
        alignItems: "center",
        marginBottom: "var(--space-4)",
      }}
    >
      {rows.map((row) => {
        const percent = top > 0 ? Math.min(100, (row.value / top) * 100) : 0;
        return (
          <Fragment key={row.key}>
            <span className="small" style={{ overflowWrap: "anywhere", maxWidth: "16rem" }}>
              {row.label}
            </span>
            <span style={{ display: "block" }}>
              {/* A visible sliver for small non-zero values, so "1" never looks like "0". */}
              <span className="bar" style={{ width: `${percent}%`, minWidth: row.value > 0 ? "3px" : 0 }} />
            </span>
            <span className="small" style={{ whiteSpace: "nowrap" }}>
              {row.valueText}
            </span>
          </Fragment>
        );
      })}
    </div>
  );
}

/** A titled chart with its data table in a <details>: one heading, the picture for the eye, the table for everyone. */
export function ChartSection({
  id,
  title,
  explanation,
  tableLabel,
  chart,
  children,
}: {
  id: string;
  title: string;
  explanation?: string;
  tableLabel: string;
  chart: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <section aria-labelledby={id} style={{ marginBottom: "var(--space-6)" }}>
      <h2 id={id}>{title}</h2>
      {explanation && <p className="reading">{explanation}</p>}
      {chart}
      <details>
        <summary>
          {tableLabel}
          <span className="visually-hidden">: {title}</span>
        </summary>
        <div className="table-wrap">{children}</div>
      </details>
    </section>
  );
}
