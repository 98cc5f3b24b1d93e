import type { Account, Profile, User } from "next-auth";
import type { OIDCConfig } from "next-auth/providers";
import type { AppDatabase } from "@/db/client";
import type { SsoSettings } from "@/lib/env";
import { ssoRefusalPath } from "./sso-errors";
import { signInWithSso } from "./sso-sign-in";

/**
 * Auth.js's side of single sign-on: the generic OpenID Connect provider and the sign-in callback that turns a
 * verified identity into our session. The redirect URI registered at the identity provider is
 * `<PUBLIC_URL>/api/auth/callback/oidc` (app/api/auth/[...nextauth]/route.ts).
 */
export const SSO_PROVIDER_ID = "oidc";

/**
 * Authorization code flow with PKCE, state and nonce. Auth.js discovers the endpoints from the issuer and verifies the
 * ID token (signature from the provider's keys, issuer, audience = our client id, expiry, nonce); a token that fails
 * any check never reaches the callback below. Roles are read from the ID token, not the userinfo endpoint.
 */
export function ssoProvider(settings: SsoSettings): OIDCConfig<Profile> {
  return {
    id: SSO_PROVIDER_ID,
    name: settings.name ?? "Single Sign-On",
    type: "oidc",
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: "openid email profile" } },
    // Only what Auth.js needs to carry the sign-in on; the account itself comes from signInWithSso.
    profile: (profile) => ({ id: typeof profile.sub === "string" ? profile.sub : undefined }),
  };
}

export type SsoCallbackContext = { db: AppDatabase; now: Date; settings: SsoSettings };

/**
 * Auth.js's `signIn` callback for the OIDC provider: true lets Auth.js set the session cookie (carrying the session id
 * put on `user`), a path sends the browser to the sign-in page with a message instead. The issuer comes from the
 * verified token (`iss`), so it is spelled exactly as the provider spells it.
 */
export async function completeSsoSignIn(
  { user, account, profile }: { user: User; account?: Account | null; profile?: Profile },
  context: SsoCallbackContext,
): Promise<true | string> {
  const issuer = profile?.iss;
  const subject = profile?.sub;
  if (account?.provider !== SSO_PROVIDER_ID || typeof issuer !== "string" || typeof subject !== "string" || subject === "") {
    return ssoRefusalPath("profile_incomplete");
  }
  const outcome = await signInWithSso(context.db, { issuer, subject, claims: profile as Record<string, unknown> }, { now: context.now, roleMapping: context.settings.roleMapping });
  if (!outcome.ok) return ssoRefusalPath(outcome.reason);
  user.sessionId = outcome.sessionId;
  return true;
}
