import type { SsoSettings } from "@/lib/env";

/**
 * For proxy.ts's Content-Security-Policy on the sign-in page. The single sign-on button is a form whose server action
 * answers with a redirect to the identity provider; browsers apply the page's `form-action` to that redirect, so
 * with `form-action 'self'` the sign-in fails without JavaScript (with JavaScript the redirect is a plain navigation).
 * The origin of the issuer is where Keycloak and Entra ID serve their authorization endpoint.
 */
export function ssoFormActionSources(sso: Pick<SsoSettings, "issuer"> | null): string[] {
  return sso ? [new URL(sso.issuer).origin] : [];
}
