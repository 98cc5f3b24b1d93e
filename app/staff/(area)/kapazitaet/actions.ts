"use server";

import { refresh } from "next/cache";
import { redirect } from "next/navigation";
import { staffAction } from "@/lib/actions/staff-action";
import { isAppError } from "@/lib/errors";
import { kickOutbox } from "@/lib/services/background-jobs";
import { cancelManyByStaff } from "@/lib/services/bookings";
import { addCapacityWindow, addOpeningRange, addWalkInBlock } from "@/lib/services/staff/capacity";
import { applyRuleChange, undoRuleChange } from "@/lib/services/staff/capacity-changes";
import { capacityWindowSchema, openingRangeSchema, walkInBlockSchema } from "@/lib/validation/capacity";
import { ruleChangeConfirmSchema, undoRuleChangeSchema } from "@/lib/validation/capacity-change";
import { bulkCancelSchema } from "@/lib/validation/cancellation";

/** Each change is followed by a refresh, so the page (and the list of appointments that no longer fit) is current. */
function saved() {
  refresh();
  return { status: "success" as const };
}

export const addOpeningRangeAction = staffAction("staff", openingRangeSchema, async (input, access) => {
  await addOpeningRange(access, input);
  return saved();
});

export const addWindowAction = staffAction("staff", capacityWindowSchema, async (input, access) => {
  await addCapacityWindow(access, input);
  return saved();
});

export const addWalkInAction = staffAction("staff", walkInBlockSchema, async (input, access) => {
  await addWalkInBlock(access, input);
  return saved();
});

/**
 * Confirms a removal or shortening from its confirmation page (kapazitaet/aendern): re-checked against the bookings
 * shown there, then changed and the checked bookings cancelled with an apology, in one transaction. Back on the
 * capacity page, the change's audit entry id lets its author undo it.
 */
export const confirmRuleChangeAction = staffAction("staff", ruleChangeConfirmSchema, async (input, access) => {
  let result: Awaited<ReturnType<typeof applyRuleChange>>;
  try {
    result = await applyRuleChange(access, input);
  } catch (error) {
    // The bookings changed since the page was shown: show it again with the current list, and say why.
    if (isAppError(error) && error.code === "conflict") refresh();
    throw error;
  }
  const { auditId, location, cancelled } = result;
  if (cancelled.length > 0) kickOutbox();
  redirect(`/staff/kapazitaet?standort=${location.slug}&aenderung=${auditId}&abgesagt=${cancelled.length}`);
});

/** Restores what the change took away, if its author asks in time; the page says why when it cannot. */
export const undoRuleChangeAction = staffAction("staff", undoRuleChangeSchema, async ({ aenderung }, access) => {
  const { location } = await undoRuleChange(access, aenderung);
  redirect(`/staff/kapazitaet?standort=${location.slug}&wiederhergestellt=1`);
});

/** Cancels the checked bookings with an apology e-mail each, then returns to the page with a notice of how many. */
export const bulkCancelAction = staffAction("staff", bulkCancelSchema, async ({ standort, bookingIds, reason }, access) => {
  const cancelled = await cancelManyByStaff(access, bookingIds, { officeReason: reason, rebookUrl: `${access.publicUrl}/termin` });
  kickOutbox();
  redirect(`/staff/kapazitaet?standort=${standort}&abgesagt=${cancelled.length}`);
});
