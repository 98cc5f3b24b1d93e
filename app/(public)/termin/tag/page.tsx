import { stepMetadata } from "@/lib/booking-flow/step-title";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { WaitingListJoinLink } from "@/components/waiting-list/join-link";
import { DayPicker } from "@/components/booking/day-picker";
import { StepHeader } from "@/components/booking/step-header";
import { getDb } from "@/db/client";
import { calendarMonth } from "@/lib/booking-flow/calendar-month";
import { loadStep, previousStepHref, type SearchParams } from "@/lib/booking-flow/load-step";
import { selectionHref } from "@/lib/booking-flow/selection";
import { STEP_PATH } from "@/lib/booking-flow/steps";
import { formatDuration, formatLocalDate } from "@/lib/i18n/format";
import { getLanguage } from "@/lib/i18n/server";
import { BusyTimesNotice } from "@/components/booking/busy-times-notice";
import { availabilityFor, inAvailabilityTurn } from "@/lib/services/availability";
import { now } from "@/lib/clock";

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }) {
  return stepMetadata(searchParams, "day");
}

export default async function DayStep({ searchParams }: { searchParams: SearchParams }) {
  const [loaded, t, language] = await Promise.all([loadStep(searchParams, "day"), getTranslations("booking"), getLanguage()]);
  const location = loaded.location!;
  const base = { items: loaded.selection.items, location: location.slug };
  const turn = await inAvailabilityTurn(() => availabilityFor(getDb(), { now: now(), location, items: loaded.requested, audience: "online" }));
  const header = <StepHeader step="day" steps={loaded.steps} title={t("day.title")} backHref={previousStepHref(loaded, "day")} />;
  if (turn.busy) {
    return (
      <>
        {header}
        <BusyTimesNotice retryHref={selectionHref(STEP_PATH.day, { ...base, date: loaded.selection.date ?? undefined }, retryParams(loaded.params))} />
      </>
    );
  }
  const availability = turn.value;
  const days = availability.ok ? availability.days : [];
  const firstFree = availability.ok ? availability.firstAvailableDate : null;

  const month = calendarMonth({ requested: loaded.params.monat, selectedDate: loaded.selection.date, firstFree, today: availability.from, lastDay: availability.to });
  const view = loaded.params.ansicht === "liste" ? "list" : "calendar";

  return (
    <>
      {header}
      <p className="lead reading">{t("day.intro", { duration: formatDuration(loaded.durationMinutes, language) })}</p>
      {firstFree ? (
        <div className="notice">
          <p>
            {t("day.nextFree", { date: formatLocalDate(firstFree, language) })}{" "}
            <Link href={selectionHref(STEP_PATH.time, { ...base, date: firstFree })}>{t("day.nextFreeLink", { date: formatLocalDate(firstFree, language) })}</Link>
          </p>
        </div>
      ) : (
        <div className="notice notice--warning">
          <p>{t("day.noneFree", { phone: location.phone })}</p>
        </div>
      )}
      <WaitingListJoinLink items={loaded.selection.items} location={location.slug} />
      <DayPicker
        days={days}
        month={month}
        view={view}
        language={language}
        selectedDate={loaded.selection.date}
        today={availability.from}
        dayHref={(date) => selectionHref(STEP_PATH.time, { ...base, date })}
        monthHref={(m, v) => selectionHref(STEP_PATH.day, base, { monat: m, ...(v === "list" ? { ansicht: "liste" } : {}) })}
      />
    </>
  );
}

/** The month and view the citizen was looking at, for loading the same page again. */
function retryParams(params: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(["monat", "ansicht"].flatMap((key) => (typeof params[key] === "string" ? [[key, params[key]]] : [])));
}
