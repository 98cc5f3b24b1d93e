import { z } from "zod";

/**
 * Staff sign-in: one schema for the browser (react-hook-form) and the server action. Messages are keys of the
 * `errors.fields` catalogue. `weiter` is the page to return to after signing in; the action checks it.
 */
export const staffLoginSchema = z.object({
  email: z.string().trim().min(1, { error: "email_required" }).max(254, { error: "invalid" }),
  password: z.string().min(1, { error: "required" }).max(200, { error: "invalid" }),
  weiter: z.string().optional(),
});

export type StaffLoginInput = z.input<typeof staffLoginSchema>;
export type StaffLogin = z.output<typeof staffLoginSchema>;
