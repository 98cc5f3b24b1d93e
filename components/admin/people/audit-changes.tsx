import { getTranslations } from "next-intl/server";
import type { Language } from "@/lib/domain/enums";
import { compareAuditStates } from "@/lib/services/admin/audit-log";
import { formatStamp } from "./format";

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;

/**
 * Before and after of one audit entry as a small table: every field, changed ones marked in words (not only by
 * colour), instants shown in office time. The stored JSON follows in a collapsed <details> for the exact values.
 */
export async function AuditChanges({ entry, language }: { entry: { id: number; before: unknown; after: unknown }; language: Language }) {
  const t = await getTranslations("adminPeople.audit");
  const changes = compareAuditStates(entry.before, entry.after);
  if (changes.length === 0) return <span className="muted">{t("noDetails")}</span>;

  const hasBefore = entry.before !== null && entry.before !== undefined;
  const hasAfter = entry.after !== null && entry.after !== undefined;
  const isUpdate = hasBefore && hasAfter;
  const show = (value: unknown) => {
    if (value === null || value === undefined || value === "") return t("empty_value");
    if (typeof value === "boolean") return value ? t("yes") : t("no");
    if (typeof value === "string") return ISO_INSTANT.test(value) ? formatStamp(new Date(value), language) : value;
    if (typeof value === "number") return String(value);
    return <code>{JSON.stringify(value)}</code>;
  };

  return (
    <>
      <table className="small">
        <caption className="visually-hidden">{t("changesCaption", { id: String(entry.id) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("field")}</th>
            {isUpdate ? (
              <>
                <th scope="col">{t("before")}</th>
                <th scope="col">{t("after")}</th>
              </>
            ) : (
              <th scope="col">{t("value")}</th>
            )}
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => {
            const marked = isUpdate && change.changed;
            return (
              <tr key={change.field}>
                <th scope="row" style={{ fontWeight: marked ? 700 : 400, overflowWrap: "anywhere" }}>
                  {change.field || t("value")}
                  {marked && (
                    <>
                      {" "}
                      <span className="tag tag--info">{t("changed")}</span>
                    </>
                  )}
                </th>
                {isUpdate ? (
                  <>
                    <td style={{ overflowWrap: "anywhere" }}>{show(change.before)}</td>
                    <td style={{ overflowWrap: "anywhere" }}>{marked ? <mark>{show(change.after)}</mark> : show(change.after)}</td>
                  </>
                ) : (
                  <td style={{ overflowWrap: "anywhere" }}>{show(hasAfter ? change.after : change.before)}</td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      <details>
        <summary>
          {t("raw")}
          <span className="visually-hidden"> – {t("changesCaption", { id: String(entry.id) })}</span>
        </summary>
        {hasBefore && (
          <>
            <p className="small" style={{ marginBottom: 0 }}>
              <strong>{t("rawBefore")}</strong>
            </p>
            <pre className="small" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
              {JSON.stringify(entry.before, null, 2)}
            </pre>
          </>
        )}
        {hasAfter && (
          <>
            <p className="small" style={{ marginBottom: 0 }}>
              <strong>{t("rawAfter")}</strong>
            </p>
            <pre className="small" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
              {JSON.stringify(entry.after, null, 2)}
            </pre>
          </>
        )}
      </details>
    </>
  );
}
