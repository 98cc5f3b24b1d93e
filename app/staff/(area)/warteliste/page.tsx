import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { NoLocationYet } from "@/components/staff/no-location-yet";
import { OfferByHandForm } from "@/components/waiting-list/offer-by-hand-form";
import { requireStaffPage } from "@/lib/auth/staff";
import { formatTimeParam } from "@/lib/booking-flow/selection";
import { formatDateTime, formatLocalDate } from "@/lib/i18n/format";
import { getLanguage } from "@/lib/i18n/server";
import { locationAndDate } from "@/lib/staff-page";
import { listWaitingList } from "@/lib/services/waiting-list/staff";
import { offerByHandAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("waitingList.staff");
  return { title: t("title") };
}

/** The waiting list of one location, in the order offers go out; a clerk may offer a free time by hand. */
export default async function WaitingListPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const access = await requireStaffPage();
  const [params, t, tCapacity, language] = await Promise.all([searchParams, getTranslations("waitingList.staff"), getTranslations("staff.capacity"), getLanguage()]);
  const { locations, location } = await locationAndDate(access, params);
  if (!location) return <NoLocationYet title={t("title")} access={access} />;
  const entries = await listWaitingList(access, location.id, language);
  const tz = location.timeZone;

  return (
    <>
      <h1>
        {t("title")}: {location.name}
      </h1>
      <nav className="toolbar" aria-label={tCapacity("locationNav")}>
        {locations.map((l) => (
          <Link key={l.id} href={`/staff/warteliste?standort=${l.slug}`} aria-current={l.id === location.id ? "page" : undefined}>
            {l.name}
          </Link>
        ))}
      </nav>
      {params.angeboten === "1" && (
        <p className="notice notice--success" role="status">
          {t("offered")}
        </p>
      )}
      <p>{t("count", { count: entries.length })}</p>
      {entries.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("position")}</th>
                <th scope="col">{t("name")}</th>
                <th scope="col">{t("concerns")}</th>
                <th scope="col">{t("range")}</th>
                <th scope="col">{t("since")}</th>
                <th scope="col">{t("status")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{entry.position}</td>
                  <th scope="row">{entry.citizenName}</th>
                  <td>{entry.concerns.map((c) => `${c.quantity} × ${c.name}`).join(", ")}</td>
                  <td>
                    {formatLocalDate(entry.fromDate, language)} – {formatLocalDate(entry.toDate, language)}
                  </td>
                  <td>{formatDateTime(entry.confirmedAt, language, tz)}</td>
                  <td>
                    {entry.status === "offered" && entry.heldUntil ? (
                      t("statuses.offered", { deadline: formatDateTime(entry.heldUntil, language, tz) })
                    ) : (
                      <>
                        {t("statuses.active")}
                        {entry.freeTimes.length > 0 && (
                          <OfferByHandForm
                            action={offerByHandAction}
                            entryId={entry.id}
                            location={location.slug}
                            times={entry.freeTimes.map((slot) => ({ value: formatTimeParam(slot.startsAt), label: formatDateTime(slot.startsAt, language, tz) }))}
                            label={t("offerByHand")}
                            submitLabel={t("offerSubmit")}
                            context={entry.citizenName}
                          />
                        )}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
