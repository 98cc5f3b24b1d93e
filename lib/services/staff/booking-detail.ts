import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { notFound } from "next/navigation";
import { auditLog, bookings } from "@/db/schema";
import type { Language } from "@/lib/domain/enums";
import { loadBookingDetails } from "../booking-details";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";

/** One booking for staff: its details, checklist and the audit trail of what staff did with it. */
export async function loadStaffBooking(access: StaffAccess, id: number, language: Language) {
  const db = authorize(access, "staff").db;
  if (!Number.isInteger(id) || id < 1) notFound();
  const booking = (await db.select().from(bookings).where(eq(bookings.id, id)))[0];
  if (!booking) notFound();
  const history = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, "booking"), eq(auditLog.entityId, String(id))))
    .orderBy(asc(auditLog.at));
  return { details: await loadBookingDetails(db, booking, language), history };
}
