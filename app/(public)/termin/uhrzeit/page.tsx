import { stepMetadata } from "@/lib/booking-flow/step-title";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { WaitingListJoinLink } from "@/components/waiting-list/join-link";
import { StepHeader } from "@/components/booking/step-header";
import { TimeSlotForm } from "@/components/booking/time-slot-form";
import { getDb } from "@/db/client";
import { loadStep, previousStepHref, type SearchParams } from "@/lib/booking-flow/load-step";
import { formatTimeParam, selectionHref, selectionParams } from "@/lib/booking-flow/selection";
import { groupSlots } from "@/lib/booking-flow/slot-groups";
import { STEP_PATH } from "@/lib/booking-flow/steps";
import { formatDuration, formatLocalDate } from "@/lib/i18n/format";
import { getLanguage } from "@/lib/i18n/server";
import { BusyTimesNotice } from "@/components/booking/busy-times-notice";
import { availabilityFor, inAvailabilityTurn } from "@/lib/services/availability";
import { chooseTime } from "../actions";
import { now } from "@/lib/clock";

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }) {
  return stepMetadata(searchParams, "time");
}

export default async function TimeStep({ searchParams }: { searchParams: SearchParams }) {
  const [loaded, t, language] = await Promise.all([loadStep(searchParams, "time"), getTranslations("booking"), getLanguage()]);
  const location = loaded.location!;
  const date = loaded.selection.date!;
  const turn = await inAvailabilityTurn(() => availabilityFor(getDb(), { now: now(), location, items: loaded.requested, audience: "online", from: date, to: date }));
  const header = <StepHeader step="time" steps={loaded.steps} title={t("time.title")} backHref={previousStepHref(loaded, "time")} />;
  if (turn.busy) {
    return (
      <>
        {header}
        <BusyTimesNotice retryHref={selectionHref(STEP_PATH.time, { items: loaded.selection.items, location: location.slug, date })} />
      </>
    );
  }
  const availability = turn.value;
  const slots = availability.ok ? (availability.days.find((d) => d.date === date)?.slots ?? []) : [];
  const groups = groupSlots(slots, location.timeZone, language, { morning: t("time.morning"), afternoon: t("time.afternoon") });
  const dateText = formatLocalDate(date, language);
  const dayHref = selectionHref(STEP_PATH.day, { items: loaded.selection.items, location: location.slug, date });

  return (
    <>
      {header}
      <p className="lead reading">{t("time.intro", { date: dateText, duration: formatDuration(loaded.durationMinutes, language) })}</p>
      {groups.length === 0 ? (
        <div className="notice notice--warning">
          <p>{t("time.noTimes")}</p>
          <p>
            <Link href={dayHref}>{t("time.otherDay")}</Link>
          </p>
        </div>
      ) : (
        <>
          <TimeSlotForm
            action={chooseTime}
            groups={groups}
            hidden={Object.fromEntries(selectionParams({ items: loaded.selection.items, location: location.slug, date }))}
            defaultValue={loaded.selection.time ? formatTimeParam(loaded.selection.time) : undefined}
            submitLabel={t("continue")}
            title={t("time.legend", { date: dateText })}
          />
          <p>
            <Link href={dayHref}>{t("time.otherDay")}</Link>
          </p>
        </>
      )}
      <WaitingListJoinLink items={loaded.selection.items} location={location.slug} />
    </>
  );
}
