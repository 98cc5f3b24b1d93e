import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AccountStatusTag } from "@/components/admin/people/account-status";
import { formatStamp } from "@/components/admin/people/format";
import { PasswordForm } from "@/components/admin/people/password-form";
import { RoleForm } from "@/components/admin/people/role-form";
import { SsoApprovalForms } from "@/components/admin/people/sso-approval-form";
import { StatusForm } from "@/components/admin/people/status-form";
import { requireStaffPage, staffAccessWithRole } from "@/lib/auth/staff";
import { getEnv } from "@/lib/env";
import { getLanguage } from "@/lib/i18n/server";
import { findStaffAccount } from "@/lib/services/staff-accounts";
import { approveSsoAccountAction, changeRoleAction, rejectSsoAccountAction, resetPasswordAction, setAccountActiveAction } from "../actions";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** `?erledigt=` after a successful change (post/redirect/get), mapped to its confirmation message. */
const DONE_MESSAGES = {
  angelegt: "created",
  rolle: "role",
  deaktiviert: "deactivated",
  reaktiviert: "reactivated",
  passwort: "password",
  freigegeben: "approved",
} as const;

function accountIdFrom(value: string): number | null {
  return /^\d{1,9}$/.test(value) ? Number(value) : null;
}

export async function generateMetadata({ params }: Props) {
  const [{ id }, t, access] = await Promise.all([params, getTranslations("adminPeople.accounts"), staffAccessWithRole("admin")]);
  // Metadata may render even when the page itself answers 403: only admins get the account's name in the title.
  if (!access) return { title: t("title") };
  const userId = accountIdFrom(id);
  const account = userId === null ? null : await findStaffAccount(access, userId);
  return { title: account ? t("detail.title", { name: account.name }) : t("title") };
}

export default async function AccountPage({ params, searchParams }: Props) {
  const { id } = await params;
  const access = await requireStaffPage("admin");
  const [t, language, query] = await Promise.all([getTranslations("adminPeople"), getLanguage(), searchParams]);
  const userId = accountIdFrom(id);
  const account = userId === null ? null : await findStaffAccount(access, userId);
  if (!account) notFound();

  const isSelf = account.id === access.user.id;
  const isSso = account.ssoSubject !== null;
  const isPending = account.ssoAccess === "pending";
  const hasRoleMapping = getEnv().sso?.roleMapping != null;
  const done = typeof query.erledigt === "string" ? query.erledigt : "";
  const doneKey = Object.hasOwn(DONE_MESSAGES, done) ? DONE_MESSAGES[done as keyof typeof DONE_MESSAGES] : null;

  return (
    <div className="reading">
      <p>
        <Link className="back-link" href="/staff/admin/konten">
          {t("accounts.detail.back")}
        </Link>
      </p>
      <h1>{t("accounts.detail.title", { name: account.name })}</h1>
      {doneKey && (
        <div className="notice notice--success" role="status">
          <p>{t(`accounts.detail.done.${doneKey}`)}</p>
        </div>
      )}

      <h2 className="visually-hidden">{t("accounts.detail.summary")}</h2>
      <dl className="summary-list">
        <dt>{t("accounts.email")}</dt>
        <dd style={{ overflowWrap: "anywhere" }}>{account.email}</dd>
        <dt>{t("accounts.role")}</dt>
        <dd>{t(`roles.${account.role}`)}</dd>
        <dt>{t("accounts.status")}</dt>
        <dd>
          <AccountStatusTag account={account} />
          {isSelf && (
            <>
              {" "}
              <span className="tag tag--info">{t("accounts.you")}</span>
            </>
          )}
        </dd>
        <dt>{t("accounts.sso.signInMethod")}</dt>
        <dd>
          {isSso ? (
            <>
              {t("accounts.sso.methodSso")}
              <br />
              <span className="small" style={{ overflowWrap: "anywhere" }}>
                {t("accounts.sso.identity", { issuer: account.ssoIssuer ?? "", subject: account.ssoSubject ?? "" })}
              </span>
            </>
          ) : (
            t("accounts.sso.methodPassword")
          )}
        </dd>
        <dt>{t("accounts.lastSignIn")}</dt>
        <dd>
          {account.lastLoginAt ? <time dateTime={account.lastLoginAt.toISOString()}>{formatStamp(account.lastLoginAt, language)}</time> : t("accounts.never")}
        </dd>
        <dt>{t("accounts.createdAt")}</dt>
        <dd>
          <time dateTime={account.createdAt.toISOString()}>{formatStamp(account.createdAt, language)}</time>
        </dd>
      </dl>

      {isPending && (
        <section aria-labelledby="approval-title" className="card" style={{ marginBottom: "var(--space-5)" }}>
          <h2 id="approval-title">{t("accounts.sso.approvalTitle")}</h2>
          <p>{t("accounts.sso.approvalIntro")}</p>
          <SsoApprovalForms approveAction={approveSsoAccountAction} rejectAction={rejectSsoAccountAction} userId={account.id} name={account.name} />
        </section>
      )}

      {!isPending && (
        <>
          <section aria-labelledby="role-title" className="card" style={{ marginBottom: "var(--space-5)" }}>
            <h2 id="role-title">{t("accounts.roleForm.title")}</h2>
            {isSelf ? (
              <p>{t("accounts.roleForm.own")}</p>
            ) : (
              <>
                <p>{t("accounts.roleForm.intro")}</p>
                {isSso && hasRoleMapping && <p>{t("accounts.sso.roleFollowsClaim")}</p>}
                <RoleForm action={changeRoleAction} userId={account.id} name={account.name} currentRole={account.role} />
              </>
            )}
          </section>

          <section aria-labelledby="status-title" className="card" style={{ marginBottom: "var(--space-5)" }}>
            {account.active ? (
              <>
                <h2 id="status-title">{t("accounts.statusForm.deactivateTitle")}</h2>
                {isSelf ? (
                  <p>{t("accounts.statusForm.own")}</p>
                ) : (
                  <>
                    <p>{t("accounts.statusForm.deactivateIntro")}</p>
                    <StatusForm action={setAccountActiveAction} userId={account.id} name={account.name} active />
                  </>
                )}
              </>
            ) : (
              <>
                <h2 id="status-title">{t("accounts.statusForm.reactivateTitle")}</h2>
                <p>{isSso ? t("accounts.sso.reactivateIntro") : t("accounts.statusForm.reactivateIntro")}</p>
                <StatusForm action={setAccountActiveAction} userId={account.id} name={account.name} active={false} />
              </>
            )}
          </section>
        </>
      )}

      {isSso ? (
        <section aria-labelledby="password-title" className="card">
          <h2 id="password-title">{t("accounts.sso.passwordTitle")}</h2>
          <p>{t("accounts.sso.noPassword")}</p>
        </section>
      ) : (
        <section aria-labelledby="password-title" className="card">
          <h2 id="password-title">{t("accounts.passwordForm.title")}</h2>
          <p>{isSelf ? t("accounts.passwordForm.ownIntro") : t("accounts.passwordForm.intro")}</p>
          <PasswordForm action={resetPasswordAction} userId={account.id} />
        </section>
      )}
    </div>
  );
}
