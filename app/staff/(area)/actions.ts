"use server";

import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { failure } from "@/lib/actions/action-state";
import { staffAction } from "@/lib/actions/staff-action";
import { parseSelection } from "@/lib/booking-flow/selection";
import { BOOKING_STATUSES, LANGUAGES } from "@/lib/domain/enums";
import { kickOutbox } from "@/lib/services/background-jobs";
import { cancelBookingByStaff, createBooking, rescheduleBookingByStaff } from "@/lib/services/bookings";
import { appContext } from "@/lib/services/context";
import { deriveManageToken } from "@/lib/services/secrets";
import { setBookingStatus } from "@/lib/services/staff/booking-status";
import { citizenDetailsSchema } from "@/lib/validation/booking";
import { resolvePhoneRequest } from "@/lib/services/staff/phone-request";

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
  z.object({ bookingId, reason: z.string().trim().max(300).optional() }),
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

/** The caller's details: the e-mail is optional on the phone, the phone number is what the clerk writes down. */
const callerSchema = z.object({
  name: citizenDetailsSchema.shape.name,
  phone: z.string().trim().min(1, { error: "required" }).max(40, { error: "phone_invalid" }).regex(/^[0-9+()/\s-]*$/, { error: "phone_invalid" }),
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(254, { error: "email_invalid" })
    .refine((value) => value === "" || z.email().safeParse(value).success, { error: "email_invalid" })
    .transform((value) => value || null),
  note: z.string().trim().max(500, { error: "note_too_long" }).optional().transform((value) => value || null),
  language: z.enum(LANGUAGES).default("de"),
  anliegen: z.string(),
  standort: z.string(),
  zeit: z.string().optional(),
  nonce: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});

export const phoneBookingAction = staffAction("staff", callerSchema, async (input, staff) => {
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
