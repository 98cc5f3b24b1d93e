import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/staff/login-form";
import { StaffHeader } from "@/components/staff/staff-header";
import { FocusHeading } from "@/components/ui/focus-heading";
import { currentStaffAccess } from "@/lib/auth/staff";
import { getEnv } from "@/lib/env";
import { signInAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("staff.login");
  return { title: t("title") };
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const [t, query] = await Promise.all([getTranslations("staff.login"), searchParams]);
  if (await currentStaffAccess()) redirect("/staff");
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
          {query.weiter && (
            <div className="notice" role="status">
              <p>{t("expired")}</p>
            </div>
          )}
          <FocusHeading>{t("title")}</FocusHeading>
          <p>{t("intro")}</p>
          <LoginForm action={signInAction} returnTo={query.weiter} />
          {getEnv().isDemo && <p className="muted small">{t("demoHint")}</p>}
        </div>
      </main>
    </>
  );
}
