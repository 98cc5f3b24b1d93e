import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { listLocations } from "@/db/queries/locations";
import { formatDateTime } from "@/lib/i18n/format";
import { getLanguage } from "@/lib/i18n/server";
import { searchBookings } from "@/lib/services/staff/day-view";
import { requireStaffPage } from "@/lib/auth/staff";

export async function generateMetadata() {
  const t = await getTranslations("staff.search");
  return { title: t("title") };
}

export default async function SearchPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const access = await requireStaffPage();
  const [query, t, language] = await Promise.all([searchParams, getTranslations("staff"), getLanguage()]);
  const q = (query.q ?? "").slice(0, 100);
    const results = await searchBookings(access, q, language);
  const locations = new Map((await listLocations(access.db, { includeInactive: true })).map((l) => [l.id, l]));
  return (
    <>
      <h1>{t("search.title")}</h1>
      <form method="get" action="/staff/suche" className="toolbar" role="search">
        <div className="field">
          <label htmlFor="q">{t("day.searchLabel")}</label>
          <input id="q" name="q" type="search" defaultValue={q} className="input--medium" />
        </div>
        <button type="submit" className="button button--secondary">
          {t("day.search")}
        </button>
      </form>
      {q.trim().length < 2 ? (
        <p>{t("search.tooShort")}</p>
      ) : (
        <>
          <p role="status">{t("search.results", { count: results.length, query: q })}</p>
          <ul>
            {results.map((b) => {
              const location = locations.get(b.locationId)!;
              return (
                <li key={b.id}>
                  <Link href={`/staff/termine/${b.id}`}>
                    {b.referenceCode} · {b.citizenName || "—"}
                  </Link>{" "}
                  · {formatDateTime(b.startsAt, language, location.timeZone)} · {location.name} · {t(`common.status.${b.status}`)}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </>
  );
}
