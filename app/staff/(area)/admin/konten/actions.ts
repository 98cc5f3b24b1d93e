"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { ActionState } from "@/lib/actions/action-state";
import { staffAction } from "@/lib/actions/staff-action";
import { isAppError } from "@/lib/errors";
import {
  approveSsoAccount,
  changeStaffRole,
  createStaffAccount,
  rejectSsoAccount,
  resetStaffPassword,
  setStaffAccountActive,
} from "@/lib/services/staff-accounts";
import {
  accountStatusSchema,
  newStaffAccountFormSchema,
  passwordResetSchema,
  roleChangeSchema,
  ssoApprovalSchema,
  ssoRejectionSchema,
} from "@/lib/validation/admin-people";

/*
 * Every action here is admin-only and checks the session and role itself (staffAction), whatever page rendered the
 * form. The acting admin always comes from the session, never from the form; the rules about one's own account and
 * the last admin live in the service, inside the transaction.
 */

const ACCOUNTS_PATH = "/staff/admin/konten";
const accountPath = (userId: number, done: string) => `${ACCOUNTS_PATH}/${userId}?erledigt=${done}`;

/** What a re-rendered form may show again: never a password. */
function echo(raw: Record<string, string | string[]>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(raw).filter(([key]) => !key.toLowerCase().includes("password")));
}

export const createAccountAction = staffAction("admin", newStaffAccountFormSchema, async (input, access, raw): Promise<ActionState | void> => {
  let userId: number;
  try {
    const created = await createStaffAccount(access, { email: input.email, name: input.name, role: input.role, password: input.password });
    userId = created.id;
  } catch (error) {
    // A taken address is a problem with one field: show it there, not as a general failure.
    if (isAppError(error) && error.code === "email_taken") {
      return { status: "error", code: "validation", fieldErrors: { email: ["email_taken"] }, values: echo(raw), details: {} };
    }
    throw error;
  }
  revalidatePath(ACCOUNTS_PATH, "layout");
  redirect(accountPath(userId, "angelegt"));
});

export const changeRoleAction = staffAction("admin", roleChangeSchema, async (input, access) => {
  await changeStaffRole(access, input);
  revalidatePath(ACCOUNTS_PATH, "layout");
  redirect(accountPath(input.userId, "rolle"));
});

export const setAccountActiveAction = staffAction("admin", accountStatusSchema, async (input, access) => {
  await setStaffAccountActive(access, input);
  revalidatePath(ACCOUNTS_PATH, "layout");
  redirect(accountPath(input.userId, input.active ? "reaktiviert" : "deaktiviert"));
});

export const resetPasswordAction = staffAction("admin", passwordResetSchema, async (input, access) => {
  await resetStaffPassword(access, { userId: input.userId, password: input.password });
  revalidatePath(ACCOUNTS_PATH, "layout");
  // Resetting one's own password ended one's own session too: straight to the sign-in page, then back here.
  if (input.userId === access.user.id) redirect(`/staff/login?weiter=${encodeURIComponent(`${ACCOUNTS_PATH}/${input.userId}`)}`);
  redirect(accountPath(input.userId, "passwort"));
});

/** Approval of an account made by single sign-on; the role is the value of the button pressed. */
export const approveSsoAccountAction = staffAction("admin", ssoApprovalSchema, async (input, access) => {
  await approveSsoAccount(access, input);
  revalidatePath(ACCOUNTS_PATH, "layout");
  redirect(accountPath(input.userId, "freigegeben"));
});

/** Rejection deletes the waiting account, so the way back is the list. */
export const rejectSsoAccountAction = staffAction("admin", ssoRejectionSchema, async (input, access) => {
  await rejectSsoAccount(access, input);
  revalidatePath(ACCOUNTS_PATH, "layout");
  redirect(`${ACCOUNTS_PATH}?erledigt=abgelehnt`);
});
