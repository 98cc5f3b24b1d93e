import { eq } from "drizzle-orm";
import { bookings, type Booking } from "@/db/schema";
import type { BookingStatus } from "@/lib/domain/enums";
import { AppError, NotFoundError } from "@/lib/errors";
import { recordAudit } from "../audit";
import { syncNoShowMark } from "../no-shows";
import { syncQueueWithBookingStatus } from "../queue/counter";
import { authorize, type StaffAccess } from "@/lib/auth/staff-access";
import { inWriteTransaction } from "@/db/transaction";

/**
 * What a clerk may do at the counter. Cancelling is separate (cancelBookingByStaff): it frees the time and writes
 * to the citizen. Each step can be undone, because mis-clicks happen with a queue at the door.
 */
const TRANSITIONS: Record<BookingStatus, BookingStatus[]> = {
  booked: ["checked_in", "no_show"],
  checked_in: ["done", "booked"],
  done: ["checked_in"],
  no_show: ["booked"],
  cancelled: [],
  // A waiting-list offer is the citizen's to accept or decline; a clerk cannot check it in or mark it.
  held: [],
  released: [],
};

export function allowedNextStatuses(status: BookingStatus): BookingStatus[] {
  return TRANSITIONS[status];
}

export async function setBookingStatus(access: StaffAccess, bookingId: number, next: BookingStatus, counter?: number | null): Promise<Booking> {
  const context = authorize(access, "staff");
  const { actor } = context;
  const now = context.now();
  return inWriteTransaction(context.db, async (tx) => {
    const booking = (await tx.select().from(bookings).where(eq(bookings.id, bookingId)))[0];
    if (!booking) throw new NotFoundError("booking");
    if (!TRANSITIONS[booking.status].includes(next)) {
      throw new AppError("conflict", `cannot change ${booking.status} to ${next}`, { from: booking.status, to: next });
    }
    const updated = (await tx
      .update(bookings)
      .set({
        status: next,
        updatedAt: now,
        checkedInAt: next === "checked_in" ? now : next === "booked" ? null : booking.checkedInAt,
        finishedAt: next === "done" ? now : next === "checked_in" ? null : booking.finishedAt,
        counter: next === "checked_in" && counter !== undefined ? counter : booking.counter,
      })
      .where(eq(bookings.id, bookingId))
      .returning())[0]!;
    await syncQueueWithBookingStatus(tx, booking, booking.status, next, now);
    await syncNoShowMark(tx, context.secret, bookingId);
    await recordAudit(tx, actor, {
        action: `booking.${next}`,
        entityType: "booking",
        entityId: bookingId,
        before: { referenceCode: booking.referenceCode, status: booking.status },
        after: { referenceCode: booking.referenceCode, status: updated.status, counter: updated.counter },
      });
    return updated;
  });
}
