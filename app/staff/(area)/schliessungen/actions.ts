"use server";

import { refresh } from "next/cache";
import { z } from "zod";
import { staffAction } from "@/lib/actions/staff-action";
import { kickOutbox } from "@/lib/services/background-jobs";
import { bookingsHitByClosure, createClosure, removeClosure } from "@/lib/services/staff/capacity";
import { closureSchema } from "@/lib/validation/capacity";

/**
 * First post: check which appointments the closure would hit and show them. Second post (confirm=1): save it and,
 * if chosen, cancel those appointments with an apology, all in one transaction.
 */
export const closureAction = staffAction(
  "staff",
  z.intersection(closureSchema, z.object({ confirm: z.string().optional(), cancelAffected: z.string().optional() })),
  async (input, access, raw) => {
    if (input.confirm !== "1") {
      const hit = await bookingsHitByClosure(access, input);
      return {
        status: "success",
        values: raw,
        data: { preview: true, affected: hit.map((b) => ({ id: b.id, startsAt: b.startsAt.toISOString(), timeZone: b.timeZone, referenceCode: b.referenceCode, name: b.citizenName })) },
      };
    }
    const { cancelled } = await createClosure(access, input, { cancelAffected: input.cancelAffected === "ja" });
    kickOutbox();
    refresh();
    return { status: "success", data: { saved: true, cancelled: cancelled.length } };
  },
);

export const removeClosureAction = staffAction("staff", z.object({ id: z.coerce.number().int().positive() }), async ({ id }, access) => {
  await removeClosure(access, id);
  refresh();
  return { status: "success" };
});
