"use server";

import { AuthError } from "next-auth";
import { publicAction } from "@/lib/actions/public-action";
import { signIn } from "@/lib/auth/auth";
import { safeReturnPath } from "@/lib/i18n/locale";
import { staffLoginSchema } from "@/lib/validation/staff-login";

export const signInAction = publicAction(staffLoginSchema, async ({ email, password, weiter }) => {
  const target = safeReturnPath(weiter);
  try {
    await signIn("credentials", { email, password, redirectTo: target.startsWith("/staff") ? target : "/staff" });
  } catch (error) {
    if (error instanceof AuthError) {
      const throttled = "code" in error && error.code === "throttled";
      return { status: "error", code: throttled ? "rate_limited" : "invalid_credentials", fieldErrors: {}, values: { email }, details: {} };
    }
    throw error;
  }
});
