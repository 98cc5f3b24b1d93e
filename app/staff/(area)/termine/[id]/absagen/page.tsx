import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { redirect } from "next/navigation";
import { CancelWithReasonForm } from "@/components/staff/cancellation-forms";
import { formatDateTime } from "@/lib/i18n/format";
import { getLanguage } from "@/lib/i18n/server";
import { loadStaffBooking } from "@/lib/services/staff/booking-detail";
import { staffCancelAction } from "../../../actions";
import { requireStaffPage } from "@/lib/auth/staff";

export async function generateMetadata() {
  const t = await getTranslations("staff.booking");
  return { title: t("cancelTitle") };
}

export default async function StaffCancelPage({ params }: { params: Promise<{ id: string }> }) {
  const access = await requireStaffPage();
  const [{ id }, t, language] = await Promise.all([params, getTranslations("staff.booking"), getLanguage()]);
  const { details } = await loadStaffBooking(access, Number(id), language);
  const { booking, location } = details;
  if (booking.status !== "booked" && booking.status !== "checked_in") redirect(`/staff/termine/${booking.id}`);
  return (
    <div className="reading">
      <Link href={`/staff/termine/${booking.id}`} className="back-link">
        {booking.referenceCode}
      </Link>
      <h1>{t("cancelTitle")}</h1>
      <p>
        <strong>{formatDateTime(booking.startsAt, language, location.timeZone)}</strong> · {booking.citizenName} · {booking.referenceCode}
      </p>
      <p>{t("cancelText")}</p>
      <CancelWithReasonForm action={staffCancelAction} bookingId={booking.id} />
    </div>
  );
}
