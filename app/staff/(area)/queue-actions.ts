"use server";

import { cookies } from "next/headers";
import { refresh } from "next/cache";
import { z } from "zod";
import { staffAction } from "@/lib/actions/staff-action";
import { QUEUE_STEPS } from "@/lib/domain/queue";
import { applyQueueStep, callNext } from "@/lib/services/queue/counter";
import { COUNTER_COOKIE } from "@/lib/staff-page";
import { counterChoiceSchema, counterNumberSchema } from "@/lib/validation/queue";

const counter = counterNumberSchema;
const optionalCounter = z.union([z.literal("").transform(() => undefined), counter]).optional();

/** The counter a clerk works at, remembered on this device (a preference, not a permission: any clerk may serve at any counter). */
export const chooseCounterAction = staffAction("staff", counterChoiceSchema, async (input) => {
  (await cookies()).set(COUNTER_COOKIE, String(input.counter), { httpOnly: true, sameSite: "lax", path: "/staff", maxAge: 60 * 60 * 24 * 365 });
  refresh();
  return { status: "success" };
});

export const callNextAction = staffAction("staff", z.object({ locationId: z.coerce.number().int().positive(), counter }), async (input, access) => {
  const called = await callNext(access, input.locationId, input.counter);
  refresh();
  return called ? { status: "success", data: { label: called.label, entryId: called.entry.id } } : { status: "success", data: { label: null } };
});

export const queueStepAction = staffAction(
  "staff",
  z.object({ entryId: z.coerce.number().int().positive(), step: z.enum(QUEUE_STEPS), counter, targetCounter: optionalCounter }),
  async (input, access) => {
    const result = await applyQueueStep(access, input.entryId, input.step, { counter: input.counter, targetCounter: input.targetCounter });
    refresh();
    return { status: "success", data: { label: result.label, entryId: result.entry.id } };
  },
);
