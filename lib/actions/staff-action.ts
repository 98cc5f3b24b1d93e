import "server-only";
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { currentStaffAccess } from "@/lib/auth/staff";
import { hasRole, type StaffAccess } from "@/lib/auth/staff-access";
import type { StaffRole } from "@/lib/domain/enums";
import { fieldErrorsFrom } from "@/lib/validation/field-errors";
import type { ActionState } from "./action-state";
import { formDataToObject } from "./form-data";
import { errorState } from "./public-action";

/**
 * The wrapper for every staff and admin server action: the session and role are checked on the server for each call
 * (never trusting the page that rendered the form), then the form is parsed with zod and the handler runs with the
 * caller's StaffAccess, the only key to the staff services.
 */
export function staffAction<S extends z.ZodType>(
  role: StaffRole,
  schema: S,
  handler: (input: z.output<S>, access: StaffAccess, raw: Record<string, string | string[]>) => Promise<ActionState | void>,
) {
  return async (_previous: ActionState, formData: FormData): Promise<ActionState> => {
    const raw = formDataToObject(formData);
    const values = Object.fromEntries(Object.entries(raw).filter(([key]) => !key.toLowerCase().includes("password")));
    const access = await currentStaffAccess();
    if (!access) return { status: "error", code: "unauthenticated", fieldErrors: {}, values, details: {} };
    if (!hasRole(access.user, role)) return { status: "error", code: "forbidden", fieldErrors: {}, values, details: {} };
    const parsed = schema.safeParse(raw);
    if (!parsed.success) return { status: "error", code: "validation", fieldErrors: fieldErrorsFrom(parsed.error), values, details: {} };
    try {
      return (await handler(parsed.data, access, raw)) ?? { status: "success" };
    } catch (error) {
      unstable_rethrow(error);
      return errorState(error, values);
    }
  };
}
