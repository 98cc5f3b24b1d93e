import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { AuditChanges } from "@/components/admin/people/audit-changes";
import { formatStamp } from "@/components/admin/people/format";
import { requireStaffPage } from "@/lib/auth/staff";
import { getLanguage } from "@/lib/i18n/server";
import { auditFilterOptions, listAuditEntries } from "@/lib/services/admin/audit-log";
import { auditLogQuerySchema } from "@/lib/validation/admin-people";

const PATH = "/staff/admin/protokoll";
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export async function generateMetadata() {
  const t = await getTranslations("adminPeople.audit");
  return { title: t("title") };
}

export default async function AuditLogPage({ searchParams }: { searchParams: SearchParams }) {
  const access = await requireStaffPage("admin");
  const [t, language, raw] = await Promise.all([getTranslations("adminPeople.audit"), getLanguage(), searchParams]);
  const query = auditLogQuerySchema.parse({ seite: first(raw.seite), typ: first(raw.typ), akteur: first(raw.akteur) });
    const options = await auditFilterOptions(access);
  const result = await listAuditEntries(access, { page: query.seite, entityType: query.typ, actor: query.akteur });

  // A filter value from the address that no entry has (any more) still shows as selected, so the form tells the truth.
  const entityTypes = query.typ && !options.entityTypes.includes(query.typ) ? [...options.entityTypes, query.typ] : options.entityTypes;
  const actors = query.akteur && !options.actors.includes(query.akteur) ? [...options.actors, query.akteur] : options.actors;
  // Only plain keys are looked up: entity types ("staff_user"), actions ("staff.create" is the nested key
  // staff → create), the two non-person actors. Anything else (e-mail addresses, future codes) is shown as stored.
  const entityLabel = (type: string) => (/^[a-z_]+$/.test(type) && t.has(`entityTypes.${type}`) ? t(`entityTypes.${type}`) : type);
  const actorLabel = (label: string) => (label === "system" || label === "citizen" ? t(`actors.${label}`) : label);
  const actionLabel = (action: string) => (/^[a-z_]+\.[a-z_]+$/.test(action) && t.has(`actions.${action}`) ? t(`actions.${action}`) : null);

  const pageHref = (page: number) => {
    const params = new URLSearchParams();
    if (query.typ) params.set("typ", query.typ);
    if (query.akteur) params.set("akteur", query.akteur);
    if (page > 1) params.set("seite", String(page));
    const search = params.toString();
    return search ? `${PATH}?${search}` : PATH;
  };
  const firstShown = (result.page - 1) * result.pageSize + 1;
  const lastShown = firstShown + result.entries.length - 1;
  const isFiltered = query.typ !== null || query.akteur !== null;

  return (
    <>
      <h1>{t("title")}</h1>
      <p className="reading">{t("intro")}</p>

      <form method="get" action={PATH}>
        <fieldset>
          <legend>{t("filters")}</legend>
          <div className="toolbar">
            <div className="field">
              <label htmlFor="typ">{t("entityType")}</label>
              <select id="typ" name="typ" defaultValue={query.typ ?? ""}>
                <option value="">{t("allEntityTypes")}</option>
                {entityTypes.map((type) => (
                  <option key={type} value={type}>
                    {entityLabel(type)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="akteur">{t("actor")}</label>
              <select id="akteur" name="akteur" defaultValue={query.akteur ?? ""}>
                <option value="">{t("allActors")}</option>
                {actors.map((actor) => (
                  <option key={actor} value={actor}>
                    {actorLabel(actor)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="button button--secondary">
              {t("apply")}
            </button>
            {isFiltered && <Link href={PATH}>{t("reset")}</Link>}
          </div>
        </fieldset>
      </form>

      {result.entries.length === 0 ? (
        <p role="status">{t("empty")}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption>
              {t("caption", { first: firstShown, last: lastShown, total: result.total })}
              {result.pageCount > 1 && <> · {t("pageOf", { page: result.page, pageCount: result.pageCount })}</>}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("when")}</th>
                <th scope="col">{t("who")}</th>
                <th scope="col">{t("action")}</th>
                <th scope="col">{t("entity")}</th>
                <th scope="col">{t("changes")}</th>
              </tr>
            </thead>
            <tbody>
              {result.entries.map((entry) => {
                const label = actionLabel(entry.action);
                return (
                  <tr key={entry.id}>
                    <th scope="row" style={{ whiteSpace: "nowrap", fontWeight: 400 }}>
                      <time dateTime={entry.at.toISOString()}>{formatStamp(entry.at, language)}</time>
                    </th>
                    <td style={{ overflowWrap: "anywhere" }}>{actorLabel(entry.actorLabel)}</td>
                    <td>{label ?? <code>{entry.action}</code>}</td>
                    <td>
                      {entityLabel(entry.entityType)}
                      {entry.entityId && (
                        <>
                          {" "}
                          {entry.entityType === "staff_user" ? (
                            <Link href={`/staff/admin/konten/${encodeURIComponent(entry.entityId)}`}>{t("entityId", { id: entry.entityId })}</Link>
                          ) : (
                            t("entityId", { id: entry.entityId })
                          )}
                        </>
                      )}
                    </td>
                    <td style={{ minWidth: "16rem" }}>
                      <AuditChanges entry={entry} language={language} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      {result.pageCount > 1 && (
        <nav aria-label={t("pagination")} className="toolbar">
          {result.page > 1 && (
            <Link href={pageHref(result.page - 1)} rel="prev">
              {t("previous")}
            </Link>
          )}
          <span aria-current="page">{t("pageOf", { page: result.page, pageCount: result.pageCount })}</span>
          {result.page < result.pageCount && (
            <Link href={pageHref(result.page + 1)} rel="next">
              {t("next")}
            </Link>
          )}
        </nav>
      )}
    </>
  );
}
