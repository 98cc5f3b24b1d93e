import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { AccountStatusTag } from "@/components/admin/people/account-status";
import { CreateAccountForm } from "@/components/admin/people/create-account-form";
import { formatStamp } from "@/components/admin/people/format";
import { SsoApprovalForms } from "@/components/admin/people/sso-approval-form";
import { requireStaffPage } from "@/lib/auth/staff";
import { getEnv } from "@/lib/env";
import { getLanguage } from "@/lib/i18n/server";
import { listPendingSsoAccounts, listStaffAccounts } from "@/lib/services/staff-accounts";
import { approveSsoAccountAction, createAccountAction, rejectSsoAccountAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("adminPeople.accounts");
  return { title: t("title") };
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AccountsPage({ searchParams }: Props) {
  const access = await requireStaffPage("admin");
  const [t, language, query] = await Promise.all([getTranslations("adminPeople"), getLanguage(), searchParams]);
  const accounts = await listStaffAccounts(access);
  const pending = await listPendingSsoAccounts(access);

  return (
    <>
      <h1>{t("accounts.title")}</h1>
      {query.erledigt === "abgelehnt" && (
        <div className="notice notice--success" role="status">
          <p>{t("accounts.sso.rejected")}</p>
        </div>
      )}
      <p className="reading">{t("accounts.intro")}</p>

      {pending.length > 0 && (
        // Before everything else: someone is waiting to be let in.
        <section className="notice notice--warning" aria-labelledby="pending-title" style={{ marginBottom: "var(--space-6)" }}>
          <h2 id="pending-title">{t("accounts.sso.pendingTitle", { count: pending.length })}</h2>
          <p>{t("accounts.sso.pendingIntro")}</p>
          <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
            {pending.map((account) => (
              <li key={account.id}>
                <p style={{ marginBottom: 0 }}>
                  <strong>{account.name}</strong> · <span style={{ overflowWrap: "anywhere" }}>{account.email}</span>
                  <br />
                  <span className="small">
                    {t("accounts.sso.requestedAt")}{" "}
                    <time dateTime={account.createdAt.toISOString()}>{formatStamp(account.createdAt, language)}</time>
                  </span>
                </p>
                <SsoApprovalForms approveAction={approveSsoAccountAction} rejectAction={rejectSsoAccountAction} userId={account.id} name={account.name} size="small" />
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="table-wrap">
        <table>
          <caption>{t("accounts.caption", { count: accounts.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("accounts.name")}</th>
              <th scope="col">{t("accounts.email")}</th>
              <th scope="col">{t("accounts.role")}</th>
              <th scope="col">{t("accounts.status")}</th>
              <th scope="col">{t("accounts.lastSignIn")}</th>
              <th scope="col">{t("accounts.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.map((account) => (
              <tr key={account.id}>
                <th scope="row">
                  {account.name}
                  {account.ssoSubject !== null && (
                    <>
                      {" "}
                      <span className="tag">{t("accounts.sso.tag")}</span>
                    </>
                  )}
                  {account.id === access.user.id && (
                    <>
                      {" "}
                      <span className="tag tag--info">{t("accounts.you")}</span>
                    </>
                  )}
                </th>
                <td style={{ overflowWrap: "anywhere" }}>{account.email}</td>
                <td>{t(`roles.${account.role}`)}</td>
                <td>
                  <AccountStatusTag account={account} />
                </td>
                <td>
                  {account.lastLoginAt ? (
                    <time dateTime={account.lastLoginAt.toISOString()}>{formatStamp(account.lastLoginAt, language)}</time>
                  ) : (
                    t("accounts.never")
                  )}
                </td>
                <td>
                  <Link href={`/staff/admin/konten/${account.id}`}>
                    {t("accounts.manage")}
                    <span className="visually-hidden"> – {account.name}</span>
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <section className="reading" aria-labelledby="create-account-title">
        <h2 id="create-account-title">{t("accounts.create.title")}</h2>
        {getEnv().passwordSignIn ? (
          <>
            <p>{t("accounts.create.intro")}</p>
            <CreateAccountForm action={createAccountAction} />
          </>
        ) : (
          // An account with a password could not sign in; new people arrive through the sign-in service instead.
          <p>{t("accounts.sso.createOff")}</p>
        )}
      </section>
    </>
  );
}
