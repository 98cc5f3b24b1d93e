import { z } from "zod";
import { optionalEmailSchema } from "./booking";

/**
 * "Send again" for an undelivered confirmation, with an optional corrected address (a typo is the usual reason a
 * provider refuses one). Parsed by the server action and, unchanged, by react-hook-form in the browser.
 */
export const resendEmailSchema = z.object({
  outboxId: z.coerce.number().int().positive(),
  email: optionalEmailSchema.optional().transform((value) => value ?? null),
});
export type ResendEmailInput = z.output<typeof resendEmailSchema>;
