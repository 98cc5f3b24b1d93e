"use server";

import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { staffAction } from "@/lib/actions/staff-action";
import { kickOutbox } from "@/lib/services/background-jobs";
import { cancelManyByStaff } from "@/lib/services/bookings";
import { appContext } from "@/lib/services/context";
import {
  addCapacityWindow,
  addOpeningRange,
  addWalkInBlock,
  removeCapacityWindow,
  removeOpeningRange,
  removeWalkInBlock,
} from "@/lib/services/staff/capacity";
import { capacityWindowSchema, openingRangeSchema, walkInBlockSchema } from "@/lib/validation/capacity";
import { bulkCancelSchema } from "@/lib/validation/cancellation";

const idField = z.object({ id: z.coerce.number().int().positive() });

/** Each change is followed by a refresh, so the page (and the list of appointments that no longer fit) is current. */
function saved() {
  refresh();
  return { status: "success" as const };
}

export const addOpeningRangeAction = staffAction("staff", openingRangeSchema, async (input, staff) => {
  addOpeningRange(await appContext(), staff.actor, input);
  return saved();
});

export const removeOpeningRangeAction = staffAction("staff", idField, async ({ id }, staff) => {
  removeOpeningRange(await appContext(), staff.actor, id);
  return saved();
});

export const addWindowAction = staffAction("staff", capacityWindowSchema, async (input, staff) => {
  addCapacityWindow(await appContext(), staff.actor, input);
  return saved();
});

export const removeWindowAction = staffAction("staff", idField, async ({ id }, staff) => {
  removeCapacityWindow(await appContext(), staff.actor, id);
  return saved();
});

export const addWalkInAction = staffAction("staff", walkInBlockSchema, async (input, staff) => {
  addWalkInBlock(await appContext(), staff.actor, input);
  return saved();
});

export const removeWalkInAction = staffAction("staff", idField, async ({ id }, staff) => {
  removeWalkInBlock(await appContext(), staff.actor, id);
  return saved();
});

/** Cancels the checked bookings with an apology e-mail each, then returns to the page with a notice of how many. */
export const bulkCancelAction = staffAction("staff", bulkCancelSchema, async ({ standort, bookingIds, reason }, staff) => {
  const context = await appContext();
  const cancelled = cancelManyByStaff(context, staff.actor, bookingIds, { officeReason: reason, rebookUrl: `${context.publicUrl}/termin` });
  kickOutbox();
  redirect(`/staff/kapazitaet?standort=${standort}&abgesagt=${cancelled.length}`);
});
