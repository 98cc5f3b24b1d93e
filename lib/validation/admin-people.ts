import { z } from "zod";
import { passwordShapeProblem } from "@/lib/auth/password-policy";
import { STAFF_ROLES } from "@/lib/domain/enums";
import { diffDays, isPlausibleLocalDate } from "@/lib/domain/zoned-time";
import { emailSchema } from "./staff";

/**
 * Forms and queries of the administration's people area: staff accounts, the audit log and statistics. One schema
 * serves the browser (react-hook-form) and the server action; messages are keys of `errors.fields` or, for the keys
 * only this area needs, of `adminPeople.fieldErrors`.
 */

/** The account a form is about; admins may act on any account, so a hidden id is fine, but it is still parsed. */
const userIdSchema = z.coerce.number({ error: "invalid" }).int({ error: "invalid" }).positive({ error: "invalid" });

const roleSchema = z.enum(STAFF_ROLES, { error: "role_required" });

/**
 * A password an admin gives someone: the shape rules (length without the spaces at either end, not only spaces) as
 * one message key. Whether it is too common or too easy to guess only the server can tell (the dictionaries stay
 * there): the services run lib/auth/password-strength.ts and return the same kind of key for this field.
 */
const newPasswordSchema = z.string().superRefine((password, context) => {
  const problem = passwordShapeProblem(password);
  if (problem) context.addIssue({ code: "custom", message: problem });
});

type PasswordPair = { password: string; passwordConfirm: string };
const passwordsMatch = (data: PasswordPair) => data.password === data.passwordConfirm;
const mismatch = { path: ["passwordConfirm"], error: "password_mismatch" };

const newAccountFields = z.object({
  email: z.string().trim().min(1, { error: "email_required" }).pipe(emailSchema),
  name: z.string().trim().min(1, { error: "name_required" }).max(120, { error: "name_too_long" }),
  role: roleSchema,
  password: newPasswordSchema,
  passwordConfirm: z.string(),
});

export const newStaffAccountFormSchema = newAccountFields.refine(passwordsMatch, mismatch);
export type NewStaffAccountFormInput = z.input<typeof newStaffAccountFormSchema>;
export type NewStaffAccountForm = z.output<typeof newStaffAccountFormSchema>;

export const roleChangeSchema = z.object({ userId: userIdSchema, role: roleSchema });

export const accountStatusSchema = z.object({
  userId: userIdSchema,
  active: z.enum(["ja", "nein"], { error: "invalid" }).transform((value) => value === "ja"),
});

/** Approving an account made by single sign-on: the role comes from the button pressed ("as staff", "as admin"). */
export const ssoApprovalSchema = z.object({ userId: userIdSchema, role: roleSchema });
/** Rejecting one: the account is deleted, so only the id. */
export const ssoRejectionSchema = z.object({ userId: userIdSchema });

const passwordPairFields = z.object({ password: newPasswordSchema, passwordConfirm: z.string() });
/** The browser half of the password reset form; the server also needs the account id. */
export const passwordResetFormSchema = passwordPairFields.refine(passwordsMatch, mismatch);
export type PasswordResetFormInput = z.input<typeof passwordResetFormSchema>;
export const passwordResetSchema = passwordPairFields.extend({ userId: userIdSchema }).refine(passwordsMatch, mismatch);

// Audit log --------------------------------------------------------------------------------------------------------

export const AUDIT_PAGE_SIZE = 50;

/** Query parameters of the audit log page; nonsense falls back to the unfiltered first page rather than an error. */
export const auditLogQuerySchema = z.object({
  seite: z.coerce.number().int().min(1).max(1_000_000).catch(1),
  typ: z.string().trim().max(100).optional().catch(undefined).transform((value) => value || null),
  akteur: z.string().trim().max(254).optional().catch(undefined).transform((value) => value || null),
});
export type AuditLogQuery = z.output<typeof auditLogQuerySchema>;

// Statistics -------------------------------------------------------------------------------------------------------

/** A year and a day: enough for any yearly report, small enough to compute on request. */
export const MAX_STATISTICS_DAYS = 366;

const localDateSchema = z.string().trim().min(1, { error: "date_required" }).refine(isPlausibleLocalDate, { error: "date_invalid" });

/** `?von=YYYY-MM-DD&bis=YYYY-MM-DD&standort=<id>|alle`, shared by the statistics page and its CSV export. */
export const statisticsQuerySchema = z
  .object({
    von: localDateSchema,
    bis: localDateSchema,
    standort: z
      .string()
      .trim()
      .regex(/^(alle|\d{1,9})?$/, { error: "location_unknown" })
      .optional(),
  })
  .superRefine((query, context) => {
    if (!isPlausibleLocalDate(query.von) || !isPlausibleLocalDate(query.bis)) return;
    const days = diffDays(query.von, query.bis) + 1;
    if (days < 1) context.addIssue({ code: "custom", path: ["bis"], message: "period_order" });
    else if (days > MAX_STATISTICS_DAYS) context.addIssue({ code: "custom", path: ["bis"], message: "period_too_long" });
  })
  .transform((query) => ({
    from: query.von,
    to: query.bis,
    locationId: !query.standort || query.standort === "alle" ? null : Number(query.standort),
  }));
export type StatisticsQuery = z.output<typeof statisticsQuerySchema>;
