import { getDb } from "@/db/client";
import { calendarFileFor, emailDataFor, loadBookingDetails } from "@/lib/services/booking-details";
import { findBookingByToken } from "@/lib/services/bookings";
import { manageUrl } from "@/lib/services/context";
import { getEnv } from "@/lib/env";
import { now } from "@/lib/clock";

/** The appointment as a calendar file; like the manage page, reachable only with the token. */
export async function GET(_request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const db = getDb();
  const booking = await findBookingByToken(db, token);
  if (!booking) return new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });
  const details = await loadBookingDetails(db, booking, booking.language);
  const data = await emailDataFor(db, details, "booking_confirmation", { manageUrl: manageUrl(getEnv(), token) });
  return new Response(calendarFileFor(data, booking, now()), {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": 'attachment; filename="termin.ics"',
      "cache-control": "no-store",
    },
  });
}
