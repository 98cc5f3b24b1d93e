"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { publicAction } from "@/lib/actions/public-action";
import { parseSelection } from "@/lib/booking-flow/selection";
import { kickOutbox } from "@/lib/services/background-jobs";
import { cancelBookingByToken, deleteBookingDataByToken, rescheduleBookingByToken } from "@/lib/services/bookings";
import { appContext } from "@/lib/services/context";

/** The token is the only authority here: the services look the booking up by its hash and refuse anything else. */
const tokenField = z.object({ token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/) });

export const cancelAction = publicAction(tokenField, async ({ token }) => {
  await cancelBookingByToken(await appContext(), token);
  kickOutbox();
  redirect(`/termin/verwalten/${token}?abgesagt=1`);
});

export const rescheduleAction = publicAction(tokenField.extend({ zeit: z.string().optional() }), async ({ token, zeit }) => {
  const time = parseSelection({ zeit }).time;
  if (!time) return { status: "error", code: "validation", fieldErrors: { zeit: ["time_required"] }, values: { token }, details: {} };
  await rescheduleBookingByToken(await appContext(), token, time);
  kickOutbox();
  redirect(`/termin/verwalten/${token}?verschoben=1`);
});

export const deleteDataAction = publicAction(tokenField, async ({ token }) => {
  await deleteBookingDataByToken(await appContext(), token);
  redirect("/termin/geloescht");
});
