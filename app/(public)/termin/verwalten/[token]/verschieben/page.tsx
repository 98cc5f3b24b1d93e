import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { DayPicker } from "@/components/booking/day-picker";
import { TimeSlotForm } from "@/components/booking/time-slot-form";
import { FocusHeading } from "@/components/ui/focus-heading";
import { getDb } from "@/db/client";
import { loadManagedBooking } from "@/lib/booking-flow/manage";
import { calendarMonth } from "@/lib/booking-flow/calendar-month";
import { groupSlots } from "@/lib/booking-flow/slot-groups";
import { isPlausibleLocalDate, type LocalDate } from "@/lib/domain/zoned-time";
import { formatDateTime, formatLocalDate } from "@/lib/i18n/format";
import { BusyTimesNotice } from "@/components/booking/busy-times-notice";
import { availabilityForMove, inAvailabilityTurn } from "@/lib/services/availability";
import { rescheduleAction } from "../actions";

export async function generateMetadata() {
  const t = await getTranslations("booking.manage");
  return { title: t("rescheduleTitle"), robots: { index: false, follow: false } };
}

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | undefined>> };

export default async function ReschedulePage({ params, searchParams }: Props) {
  const [{ token, language, details, rules, now }, query, t] = await Promise.all([loadManagedBooking(params), searchParams, getTranslations("booking")]);
  const base = `/termin/verwalten/${token}`;
  if (!rules.canChange) redirect(base);
  const { booking, location } = details;
  const turn = await inAvailabilityTurn(() =>
    availabilityForMove(getDb(), {
      now,
      location,
      concernIds: details.items.map((i) => i.concernId),
      durationMinutes: Math.round((booking.endsAt.getTime() - booking.startsAt.getTime()) / 60_000),
      excludeBookingId: booking.id,
      audience: "online",
    }),
  );
  const date: LocalDate | null = query.tag && isPlausibleLocalDate(query.tag) ? query.tag : null;
  if (turn.busy) {
    const again = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
    return (
      <>
        <Link href={base} className="back-link">
          {t("back")}
        </Link>
        <FocusHeading>{date ? t("manage.rescheduleTimeTitle") : t("manage.rescheduleTitle")}</FocusHeading>
        <BusyTimesNotice retryHref={`${base}/verschieben${again.size > 0 ? `?${again}` : ""}`} />
      </>
    );
  }
  const moves = turn.value;
  const firstFree = moves.days.find((d) => d.status === "available")?.date ?? null;
  const month = calendarMonth({ requested: query.monat, selectedDate: date, firstFree, today: moves.from, lastDay: moves.to });
  const view = query.ansicht === "liste" ? "list" : "calendar";
  const slots = date ? (moves.days.find((d) => d.date === date)?.slots ?? []).filter((s) => s.startsAt.getTime() !== booking.startsAt.getTime()) : [];
  const groups = groupSlots(slots, location.timeZone, language, { morning: t("time.morning"), afternoon: t("time.afternoon") });

  return (
    <>
      <Link href={date ? `${base}/verschieben?monat=${month}` : base} className="back-link">
        {t("back")}
      </Link>
      <FocusHeading>{date ? t("manage.rescheduleTimeTitle") : t("manage.rescheduleTitle")}</FocusHeading>
      <p className="lead reading">{t("manage.rescheduleIntro", { dateTime: formatDateTime(booking.startsAt, language, location.timeZone) })}</p>
      {date ? (
        groups.length === 0 ? (
          <div className="notice notice--warning">
            <p>{t("time.noTimes")}</p>
            <p>
              <Link href={`${base}/verschieben?monat=${month}`}>{t("time.otherDay")}</Link>
            </p>
          </div>
        ) : (
          <>
            <h2>{formatLocalDate(date, language)}</h2>
            <TimeSlotForm action={rescheduleAction} groups={groups} hidden={{ token }} submitLabel={t("manage.rescheduleSubmit")} title={t("time.legend", { date: formatLocalDate(date, language) })} />
            <p>
              <Link href={`${base}/verschieben?monat=${month}`}>{t("time.otherDay")}</Link>
            </p>
          </>
        )
      ) : (
        <DayPicker
          days={moves.days}
          month={month}
          view={view}
          language={language}
          selectedDate={null}
          today={moves.from}
          dayHref={(d) => `${base}/verschieben?tag=${d}`}
          monthHref={(m, v) => `${base}/verschieben?monat=${m}${v === "list" ? "&ansicht=liste" : ""}`}
        />
      )}
    </>
  );
}
