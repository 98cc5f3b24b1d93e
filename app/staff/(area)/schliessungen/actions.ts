"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { findLocation } from "@/db/queries/locations";
import { staffAction } from "@/lib/actions/staff-action";
import { kickOutbox } from "@/lib/services/background-jobs";
import { appContext } from "@/lib/services/context";
import { bookingsHitByClosure, createClosure, removeClosure } from "@/lib/services/staff/capacity";
import { closureSchema } from "@/lib/validation/capacity";

const DEFAULT_TIME_ZONE = "Europe/Berlin";

/**
 * First post: check which appointments the closure would hit and show them. Second post (confirm=1): save it and,
 * if chosen, cancel those appointments with an apology, all in one transaction.
 */
export const closureAction = staffAction(
  "staff",
  z.intersection(closureSchema, z.object({ confirm: z.string().optional(), cancelAffected: z.string().optional() })),
  async (input, staff, raw) => {
    const context = await appContext();
    const timeZone = (input.locationId !== null && findLocation(getDb(), input.locationId)?.timeZone) || DEFAULT_TIME_ZONE;
    if (input.confirm !== "1") {
      const hit = bookingsHitByClosure(context.db, input, timeZone);
      return {
        status: "success",
        values: raw,
        data: { preview: true, affected: hit.map((b) => ({ id: b.id, startsAt: b.startsAt.toISOString(), referenceCode: b.referenceCode, name: b.citizenName })) },
      };
    }
    const { cancelled } = createClosure(context, staff.actor, input, { cancelAffected: input.cancelAffected === "ja", timeZone });
    kickOutbox();
    refresh();
    return { status: "success", data: { saved: true, cancelled: cancelled.length } };
  },
);

export const removeClosureAction = staffAction("staff", z.object({ id: z.coerce.number().int().positive() }), async ({ id }, staff) => {
  removeClosure(await appContext(), staff.actor, id);
  refresh();
  return { status: "success" };
});
