import { z } from "zod";

/**
 * The citizen's details: one schema for the browser (react-hook-form) and the server action. Messages are keys of the
 * `errors.fields` catalogue. No "repeat e-mail" field and no "I have read the privacy notice" tick box (GOV.UK and
 * KERN advise against both): the form links to the privacy notice instead.
 */
const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, { error: tooLong })
    .optional()
    .transform((value) => (value ? value : null));

export const citizenDetailsSchema = z.object({
  name: z.string().trim().min(1, { error: "name_required" }).max(120, { error: "name_too_long" }),
  email: z.string().trim().toLowerCase().min(1, { error: "email_required" }).max(254, { error: "email_invalid" }).pipe(z.email({ error: "email_invalid" })),
  phone: z
    .string()
    .trim()
    .max(40, { error: "phone_invalid" })
    .regex(/^[0-9+()/\s-]*$/, { error: "phone_invalid" })
    .optional()
    .transform((value) => (value ? value : null)),
  note: optionalText(500, "note_too_long"),
});

export type CitizenDetailsInput = z.input<typeof citizenDetailsSchema>;
export type CitizenDetails = z.output<typeof citizenDetailsSchema>;

/** What the draft cookie holds between the details step and the confirmation. */
export const bookingDraftSchema = z.object({
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  note: z.string().nullable(),
  savedAt: z.number(),
});
export type BookingDraft = z.infer<typeof bookingDraftSchema>;

export const DRAFT_COOKIE = "termin-entwurf";
export const DRAFT_MAX_AGE_SECONDS = 60 * 60;

/** An e-mail address that may be left empty (phone bookings, a corrected address): empty becomes null. */
export const optionalEmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { error: "email_invalid" })
  .refine((value) => value === "" || z.email().safeParse(value).success, { error: "email_invalid" })
  .transform((value) => value || null);
