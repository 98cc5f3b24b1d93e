"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { publicAction } from "@/lib/actions/public-action";
import { signIn } from "@/lib/auth/auth";
import { ssoRefusalPath } from "@/lib/auth/sso-errors";
import { SSO_PROVIDER_ID } from "@/lib/auth/sso-provider";
import { getEnv } from "@/lib/env";
import { safeReturnPath } from "@/lib/i18n/locale";
import { staffLoginSchema } from "@/lib/validation/staff-login";

/** Where to go after signing in: a page of the staff area the sign-in was asked for, else the day view. */
function staffReturnPath(weiter: string | undefined): string {
  const target = safeReturnPath(weiter);
  return target.startsWith("/staff") ? target : "/staff";
}

export const signInAction = publicAction(staffLoginSchema, async ({ email, password, weiter }) => {
  // The form is not shown then, and Auth.js has no password provider; this answers a post from an old page.
  if (!getEnv().passwordSignIn) return { status: "error", code: "forbidden", fieldErrors: {}, values: { email }, details: {} };
  try {
    await signIn("credentials", { email, password, redirectTo: staffReturnPath(weiter) });
  } catch (error) {
    if (error instanceof AuthError) {
      const throttled = "code" in error && error.code === "throttled";
      return { status: "error", code: throttled ? "rate_limited" : "invalid_credentials", fieldErrors: {}, values: { email }, details: {} };
    }
    throw error;
  }
});

// A return path that is too long or malformed is dropped (the day view then), never a reason to refuse the sign-in.
const ssoSignInSchema = z.object({ weiter: z.string().max(2000).optional().catch(undefined) });

/**
 * Starts single sign-on: Auth.js sets its state, PKCE and nonce cookies and this action redirects the browser to the
 * identity provider (a hard navigation with JavaScript, a 303 without). When the provider cannot be reached to start
 * (discovery fails), the sign-in page says so instead of an error page.
 */
export const ssoSignInAction = publicAction(ssoSignInSchema, async ({ weiter }) => {
  if (!getEnv().sso) redirect(ssoRefusalPath("unavailable"));
  try {
    await signIn(SSO_PROVIDER_ID, { redirectTo: staffReturnPath(weiter) });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    console.warn(`sso: the sign-in could not be started (${error.type})`);
  }
  redirect(ssoRefusalPath("unavailable"));
});
