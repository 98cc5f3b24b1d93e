"use server";

import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { failure } from "@/lib/actions/action-state";
import { staffAction } from "@/lib/actions/staff-action";
import { parseSelection } from "@/lib/booking-flow/selection";
import { BOOKING_STATUSES } from "@/lib/domain/enums";
import { kickOutbox } from "@/lib/services/background-jobs";
import { cancelBookingByStaff, createBooking, rescheduleBookingByStaff } from "@/lib/services/bookings";
import { appContext } from "@/lib/services/context";
import { deriveManageToken } from "@/lib/services/secrets";
import { setBookingStatus } from "@/lib/services/staff/booking-status";
import { resolvePhoneRequest } from "@/lib/services/staff/phone-request";
import { staffCancelSchema } from "@/lib/validation/cancellation";
import { phoneBookingSchema } from "@/lib/validation/phone-booking";

const bookingId = z.coerce.number().int().positive();

export const changeStatusAction = staffAction(
  "staff",
  z.object({ bookingId, status: z.enum(BOOKING_STATUSES), counter: z.coerce.number().int().min(1).max(99).optional().or(z.literal("").transform(() => undefined)) }),
  async (input, staff) => {
    setBookingStatus(await appContext(), staff.actor, input.bookingId, input.status, input.counter);
    refresh();
    return { status: "success" };
  },
);

export const staffCancelAction = staffAction(
  "staff",
  staffCancelSchema,
  async (input, staff) => {
    const context = await appContext();
    cancelBookingByStaff(context, staff.actor, input.bookingId, input.reason ? { officeReason: input.reason, rebookUrl: `${context.publicUrl}/termin` } : {});
    kickOutbox();
    redirect(`/staff/termine/${input.bookingId}?abgesagt=1`);
  },
);

export const staffMoveAction = staffAction("staff", z.object({ bookingId, zeit: z.string().optional() }), async (input, staff) => {
  const time = parseSelection({ zeit: input.zeit }).time;
  if (!time) return failure("validation", { zeit: ["time_required"] });
  rescheduleBookingByStaff(await appContext(), staff.actor, input.bookingId, time);
  kickOutbox();
  redirect(`/staff/termine/${input.bookingId}?verschoben=1`);
});

export const phoneBookingAction = staffAction("staff", phoneBookingSchema, async (input, staff) => {
  const time = parseSelection({ zeit: input.zeit }).time;
  if (!time) return failure("validation", { zeit: ["time_required"] });
  const context = await appContext();
  const request = resolvePhoneRequest(context.db, parseSelection({ anliegen: input.anliegen, standort: input.standort }));
  if (!request.location || request.problem) return failure("request_invalid");
  const outcome = createBooking(context, staff.actor, {
    locationId: request.location.id,
    items: request.requested,
    startsAt: time,
    channel: "phone",
    citizen: { name: input.name, email: input.email, phone: input.phone, note: input.note },
    language: input.language,
    manageToken: deriveManageToken(context.secret, `phone:${input.nonce}`),
  });
  kickOutbox();
  redirect(`/staff/termine/${outcome.booking.id}?neu=1`);
});
