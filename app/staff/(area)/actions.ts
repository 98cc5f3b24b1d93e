"use server";

import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { failure } from "@/lib/actions/action-state";
import { staffAction } from "@/lib/actions/staff-action";
import { parseSelection } from "@/lib/booking-flow/selection";
import { BOOKING_STATUSES } from "@/lib/domain/enums";
import { kickOutbox } from "@/lib/services/background-jobs";
import { cancelBookingByStaff, createPhoneBooking, rescheduleBookingByStaff, SlotTakenError, type BookingOutcome } from "@/lib/services/bookings";
import { setBookingStatus } from "@/lib/services/staff/booking-status";
import { resolvePhoneRequest } from "@/lib/services/staff/phone-request";
import { staffCancelSchema } from "@/lib/validation/cancellation";
import { phoneBookingSchema } from "@/lib/validation/phone-booking";

const bookingId = z.coerce.number().int().positive();

export const changeStatusAction = staffAction(
  "staff",
  z.object({ bookingId, status: z.enum(BOOKING_STATUSES), counter: z.coerce.number().int().min(1).max(99).optional().or(z.literal("").transform(() => undefined)) }),
  async (input, access) => {
    await setBookingStatus(access, input.bookingId, input.status, input.counter);
    refresh();
    return { status: "success" };
  },
);

export const staffCancelAction = staffAction(
  "staff",
  staffCancelSchema,
  async (input, access) => {
    await cancelBookingByStaff(access, input.bookingId, input.reason ? { officeReason: input.reason, rebookUrl: `${access.publicUrl}/termin` } : {});
    kickOutbox();
    redirect(`/staff/termine/${input.bookingId}?abgesagt=1`);
  },
);

export const staffMoveAction = staffAction("staff", z.object({ bookingId, zeit: z.string().optional() }), async (input, access) => {
  const time = parseSelection({ zeit: input.zeit }).time;
  if (!time) return failure("validation", { zeit: ["time_required"] });
  await rescheduleBookingByStaff(access, input.bookingId, time);
  kickOutbox();
  redirect(`/staff/termine/${input.bookingId}?verschoben=1`);
});

/**
 * Books for a caller. Every refusal carries what was posted (as the wrapper's do for a taken time, with the nearest
 * alternatives), so the form shows the caller's details again.
 */
export const phoneBookingAction = staffAction("staff", phoneBookingSchema, async (input, access, posted) => {
  const time = parseSelection({ zeit: input.zeit }).time;
  if (!time) return { ...failure("validation", { zeit: ["time_required"] }), values: posted };
  const request = await resolvePhoneRequest(access, parseSelection({ anliegen: input.anliegen, standort: input.standort }));
  if (!request.location || request.problem) return { ...failure("request_invalid"), values: posted };
  let outcome: BookingOutcome;
  try {
    outcome = await createPhoneBooking(access, {
      locationId: request.location.id,
      items: request.requested,
      startsAt: time,
      citizen: { name: input.name, email: input.email, phone: input.phone, note: input.note },
      language: input.language,
      linkNonce: `phone:${input.nonce}`,
    });
  } catch (error) {
    // A time taken meanwhile: the page's list of times is stale, so it is rendered again around the kept form.
    if (error instanceof SlotTakenError) refresh();
    throw error;
  }
  kickOutbox();
  redirect(`/staff/termine/${outcome.booking.id}?neu=1`);
});
