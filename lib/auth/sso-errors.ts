import type { SsoRefusal } from "./sso-mapping";

/**
 * Everything that can send a person back to the sign-in page after single sign-on, and what the page says. The page
 * gets a code in `?error=`: Auth.js puts its error type there (pages.signIn / pages.error both point at the sign-in
 * page), our own refusals use the same parameter. Only codes listed here choose a message; anything else (a code
 * from a newer Auth.js, a hand-edited address) gets the general one. The page never shows the code or any text from
 * the identity provider.
 */
export const SIGN_IN_MESSAGES = {
  // Our decisions (lib/auth/sso-mapping.ts).
  account_created: { key: "accountCreated", tone: "info" },
  pending: { key: "pending", tone: "info" },
  role_removed: { key: "roleRemoved", tone: "error" },
  deactivated: { key: "deactivated", tone: "error" },
  profile_incomplete: { key: "profileIncomplete", tone: "error" },
  // The way to the provider could not be started (provider not reachable, discovery failed): set by the action.
  unavailable: { key: "unavailable", tone: "error" },
  // The provider answered with an error instead of a code: the person cancelled, refused consent, has no access to
  // this application there, or the provider refused the request.
  OAuthCallbackError: { key: "providerRefused", tone: "error" },
  // Auth.js could not start the sign-in at the provider.
  OAuthSignInError: { key: "unavailable", tone: "error" },
  AccessDenied: { key: "denied", tone: "error" },
  // The answer did not pass Auth.js's checks: an ID token for another audience, an expired token, a wrong signature
  // or issuer, a missing state or PKCE cookie (the sign-in took too long or started in another browser), a provider
  // that could not be reached for the token. Auth.js reports all of these as "Configuration".
  Configuration: { key: "notVerified", tone: "error" },
} as const satisfies Record<string, { key: string; tone: "info" | "error" }>;

export type SignInMessage = { key: (typeof SIGN_IN_MESSAGES)[keyof typeof SIGN_IN_MESSAGES]["key"] | "failed"; tone: "info" | "error" };

/** The message for `?error=`, or null without one. */
export function signInMessageFor(code: string | string[] | undefined): SignInMessage | null {
  const value = Array.isArray(code) ? code[0] : code;
  if (!value) return null;
  return Object.hasOwn(SIGN_IN_MESSAGES, value) ? SIGN_IN_MESSAGES[value as keyof typeof SIGN_IN_MESSAGES] : { key: "failed", tone: "error" };
}

/** Where a refused single sign-on sends the browser. */
export function ssoRefusalPath(reason: SsoRefusal | "unavailable"): string {
  return `/staff/login?error=${reason}`;
}
