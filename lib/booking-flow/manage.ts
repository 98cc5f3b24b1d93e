import "server-only";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { getSettings } from "@/db/queries/settings";
import { getLanguage } from "@/lib/i18n/server";
import { loadBookingDetails } from "@/lib/services/booking-details";
import { citizenChangeRules, findBookingByToken } from "@/lib/services/bookings";
import * as clock from "@/lib/clock";

/** Everything a manage page shows, found by the token in the URL; anything else is "not found". */
export async function loadManagedBooking(params: Promise<{ token: string }>) {
  const { token } = await params;
  const db = getDb();
  const booking = await findBookingByToken(db, token);
  if (!booking) notFound();
  const language = await getLanguage();
  const settings = await getSettings(db);
  const now = clock.now();
  return {
    token,
    language,
    settings,
    now,
    details: await loadBookingDetails(db, booking, language),
    rules: citizenChangeRules(booking, settings, now),
  };
}
