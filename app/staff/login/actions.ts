"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { publicAction } from "@/lib/actions/public-action";
import { signIn } from "@/lib/auth/auth";
import { safeReturnPath } from "@/lib/i18n/locale";

const loginSchema = z.object({
  email: z.string().trim().min(1, { error: "email_required" }).max(254),
  password: z.string().min(1, { error: "required" }).max(200),
  weiter: z.string().optional(),
});

export const signInAction = publicAction(loginSchema, async ({ email, password, weiter }) => {
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
