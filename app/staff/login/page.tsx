import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { LoginForm, SsoSignInForm } from "@/components/staff/login-form";
import { StaffHeader } from "@/components/staff/staff-header";
import { FocusHeading } from "@/components/ui/focus-heading";
import { signInMessageFor } from "@/lib/auth/sso-errors";
import { currentStaffAccess } from "@/lib/auth/staff";
import { getEnv } from "@/lib/env";
import { signInAction, ssoSignInAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("staff.login");
  return { title: t("title") };
}

/**
 * Sign-in with a password, with single sign-on (OIDC_*), or both. A refused single sign-on comes back here with
 * `?error=<code>` (Auth.js's error type or our own refusal); lib/auth/sso-errors.ts chooses the words, and nothing the
 * identity provider sent is shown.
 */
export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const [t, query] = await Promise.all([getTranslations("staff.login"), searchParams]);
  if (await currentStaffAccess()) redirect("/staff");
  const env = getEnv();
  const returnTo = typeof query.weiter === "string" ? query.weiter : undefined;
  const message = signInMessageFor(query.error);
  const ssoLabel = env.sso?.name ? t("sso.button", { name: env.sso.name }) : t("sso.buttonGeneric");
  const intro = env.passwordSignIn ? (env.sso ? t("introBoth") : t("intro")) : t("introSso");

  return (
    <>
      <StaffHeader staff={null} />
      <main id="main" tabIndex={-1}>
        <div className="container page reading">
          {query.abgemeldet === "1" && (
            <div className="notice notice--success" role="status">
              <p>{t("signedOut")}</p>
            </div>
          )}
          {message && (
            <div className={message.tone === "info" ? "notice" : "notice notice--error"} role={message.tone === "info" ? "status" : "alert"}>
              <p>{t(`sso.messages.${message.key}`)}</p>
            </div>
          )}
          {returnTo && !message && (
            <div className="notice" role="status">
              <p>{t("expired")}</p>
            </div>
          )}
          <FocusHeading>{t("title")}</FocusHeading>
          <p>{intro}</p>
          {env.sso && <SsoSignInForm action={ssoSignInAction} label={ssoLabel} returnTo={returnTo} />}
          {env.passwordSignIn && (
            <>
              {env.sso && <h2>{t("passwordTitle")}</h2>}
              <LoginForm action={signInAction} returnTo={returnTo} />
              {env.isDemo && <p className="muted small">{t("demoHint")}</p>}
            </>
          )}
        </div>
      </main>
    </>
  );
}
