import { z } from "zod";
import { LANGUAGES } from "@/lib/domain/enums";
import { citizenDetailsSchema, optionalEmailSchema } from "@/lib/validation/booking";

/**
 * What the clerk enters for a phone booking: the chosen time and the caller's details. The e-mail is optional on the
 * phone; the phone number is what the clerk writes down. The browser (react-hook-form) checks exactly this part;
 * messages are keys of the `errors.fields` catalogue.
 */
export const phoneCallerSchema = z.object({
  // No radio chosen: absent from the post (undefined) or null in react-hook-form.
  zeit: z.string({ error: "time_required" }).min(1, { error: "time_required" }),
  name: citizenDetailsSchema.shape.name,
  phone: z.string().trim().min(1, { error: "required" }).max(40, { error: "phone_invalid" }).regex(/^[0-9+()/\s-]*$/, { error: "phone_invalid" }),
  email: optionalEmailSchema,
  note: z.string().trim().max(500, { error: "note_too_long" }).optional().transform((value) => value || null),
  language: z.enum(LANGUAGES, { error: "invalid" }).default("de"),
});
export type PhoneCallerInput = z.input<typeof phoneCallerSchema>;
export type PhoneCaller = z.output<typeof phoneCallerSchema>;

/**
 * The whole post the server action parses: the caller's part plus the fields the page put into hidden inputs (the
 * search the times came from and a one-time nonce). The browser does not check those; the server does.
 */
export const phoneBookingSchema = phoneCallerSchema.extend({
  anliegen: z.string(),
  standort: z.string(),
  nonce: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});
export type PhoneBooking = z.output<typeof phoneBookingSchema>;
