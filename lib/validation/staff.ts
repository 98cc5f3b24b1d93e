import { z } from "zod";
import { STAFF_ROLES } from "@/lib/domain/enums";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ error: "email_invalid" }));

export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, { error: "password_too_short" })
  .max(200, { error: "password_too_long" });

export const staffAccountSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(1, { error: "name_required" }).max(120),
  role: z.enum(STAFF_ROLES),
  password: passwordSchema,
});
export type StaffAccountInput = z.input<typeof staffAccountSchema>;
