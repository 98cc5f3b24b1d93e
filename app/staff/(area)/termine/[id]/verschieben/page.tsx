import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { DayPicker } from "@/components/booking/day-picker";
import { TimeSlotForm } from "@/components/booking/time-slot-form";
import { calendarMonth } from "@/lib/booking-flow/calendar-month";
import { groupSlots } from "@/lib/booking-flow/slot-groups";
import { isPlausibleLocalDate } from "@/lib/domain/zoned-time";
import { formatDateTime, formatLocalDate } from "@/lib/i18n/format";
import { getLanguage } from "@/lib/i18n/server";
import { availabilityForMove } from "@/lib/services/availability";
import { loadStaffBooking } from "@/lib/services/staff/booking-detail";
import { staffMoveAction } from "../../../actions";
import { now } from "@/lib/clock";
import { requireStaffPage } from "@/lib/auth/staff";

export async function generateMetadata() {
  const t = await getTranslations("staff.booking");
  return { title: t("moveTitle") };
}

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> };

/** Staff move a booking with the same engine as citizens, but may also use counters kept for staff and phone. */
export default async function StaffMovePage({ params, searchParams }: Props) {
  const access = await requireStaffPage();
  const [{ id }, query, t, tBooking, language] = await Promise.all([params, searchParams, getTranslations("staff.booking"), getTranslations("booking"), getLanguage()]);
    const { details } = await loadStaffBooking(access, Number(id), language);
  const { booking, location } = details;
  const base = `/staff/termine/${booking.id}`;
  if (booking.status !== "booked") redirect(base);
  const moves = await availabilityForMove(access.db, {
    now: now(),
    location,
    concernIds: details.items.map((i) => i.concernId),
    durationMinutes: Math.round((booking.endsAt.getTime() - booking.startsAt.getTime()) / 60_000),
    excludeBookingId: booking.id,
    audience: "staff",
  });
  const date = query.tag && isPlausibleLocalDate(query.tag) ? query.tag : null;
  const firstFree = moves.days.find((d) => d.status === "available")?.date ?? null;
  const month = calendarMonth({ requested: query.monat, selectedDate: date, firstFree, today: moves.from, lastDay: moves.to });
  const slots = date ? (moves.days.find((d) => d.date === date)?.slots ?? []).filter((s) => s.startsAt.getTime() !== booking.startsAt.getTime()) : [];
  const groups = groupSlots(slots, location.timeZone, language, { morning: tBooking("time.morning"), afternoon: tBooking("time.afternoon") });

  return (
    <>
      <Link href={date ? `${base}/verschieben?monat=${month}` : base} className="back-link">
        {tBooking("back")}
      </Link>
      <h1>{t("moveTitle")}</h1>
      <p>{t("moveIntro", { dateTime: formatDateTime(booking.startsAt, language, location.timeZone) })}</p>
      {date ? (
        groups.length === 0 ? (
          <p>{tBooking("time.noTimes")}</p>
        ) : (
          <>
            <h2>{formatLocalDate(date, language)}</h2>
            <TimeSlotForm action={staffMoveAction} groups={groups} hidden={{ bookingId: String(booking.id) }} submitLabel={t("moveSubmit")} title={tBooking("time.legend", { date: formatLocalDate(date, language) })} />
          </>
        )
      ) : (
        <DayPicker
          days={moves.days}
          month={month}
          view={query.ansicht === "liste" ? "list" : "calendar"}
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
