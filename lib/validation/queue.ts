import { z } from "zod";
import { COUNTER_NUMBERS } from "@/lib/domain/enums";
import { idList } from "./admin-catalogue";

/**
 * Forms of the hall's queue (the clerk's counter, the administrators' queue settings). One schema serves the browser
 * (react-hook-form) and the server; messages are keys of `errors.fields`.
 */

const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ error: "number_invalid" })
    .int({ error: "number_invalid" })
    .min(min, { error: "number_too_small" })
    .max(max, { error: "number_too_large" });

export const counterNumberSchema = wholeNumber(COUNTER_NUMBERS.first, COUNTER_NUMBERS.last);

export const counterChoiceSchema = z.object({ counter: counterNumberSchema });

const locationId = z.coerce.number({ error: "invalid" }).int({ error: "invalid" }).positive({ error: "invalid" }).max(2 ** 31, { error: "invalid" });

export const MAX_WALK_IN_TICKETS = 999;
export const MAX_PRIORITY_MINUTES = 120;

export const queueSettingsSchema = z.object({
  locationId,
  walkInTicketsPerDay: wholeNumber(0, MAX_WALK_IN_TICKETS),
  appointmentPriorityMinutes: wholeNumber(0, MAX_PRIORITY_MINUTES),
});
export type QueueSettingsInput = z.output<typeof queueSettingsSchema>;

/** Concerns one counter serves; no concern ticked: the counter serves everything again. */
export const counterConcernsSchema = z.object({ locationId, counter: counterNumberSchema, concernIds: idList });
export type CounterConcernsInput = z.output<typeof counterConcernsSchema>;

export const locationOnlySchema = z.object({ locationId });

/** What the browser checks: the same rules without the location, which is a hidden field of the form. */
export const queueSettingsFormSchema = queueSettingsSchema.omit({ locationId: true });
export const counterConcernsFormSchema = counterConcernsSchema.omit({ locationId: true });
