"use server";

import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { staffAction } from "@/lib/actions/staff-action";
import { kickOutbox } from "@/lib/services/background-jobs";
import { cancelManyByStaff } from "@/lib/services/bookings";
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

export const addOpeningRangeAction = staffAction("staff", openingRangeSchema, async (input, access) => {
  addOpeningRange(access, input);
  return saved();
});

export const removeOpeningRangeAction = staffAction("staff", idField, async ({ id }, access) => {
  removeOpeningRange(access, id);
  return saved();
});

export const addWindowAction = staffAction("staff", capacityWindowSchema, async (input, access) => {
  addCapacityWindow(access, input);
  return saved();
});

export const removeWindowAction = staffAction("staff", idField, async ({ id }, access) => {
  removeCapacityWindow(access, id);
  return saved();
});

export const addWalkInAction = staffAction("staff", walkInBlockSchema, async (input, access) => {
  addWalkInBlock(access, input);
  return saved();
});

export const removeWalkInAction = staffAction("staff", idField, async ({ id }, access) => {
  removeWalkInBlock(access, id);
  return saved();
});

/** Cancels the checked bookings with an apology e-mail each, then returns to the page with a notice of how many. */
export const bulkCancelAction = staffAction("staff", bulkCancelSchema, async ({ standort, bookingIds, reason }, access) => {
  const cancelled = cancelManyByStaff(access, bookingIds, { officeReason: reason, rebookUrl: `${access.publicUrl}/termin` });
  kickOutbox();
  redirect(`/staff/kapazitaet?standort=${standort}&abgesagt=${cancelled.length}`);
});
