import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { CreateAccountForm } from "@/components/admin/people/create-account-form";
import { formatStamp } from "@/components/admin/people/format";
import { requireStaffPage } from "@/lib/auth/staff";
import { getLanguage } from "@/lib/i18n/server";
import { listStaffAccounts } from "@/lib/services/staff-accounts";
import { createAccountAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("adminPeople.accounts");
  return { title: t("title") };
}

export default async function AccountsPage() {
  const access = await requireStaffPage("admin");
  const [t, language] = await Promise.all([getTranslations("adminPeople"), getLanguage()]);
  const accounts = listStaffAccounts(access);

  return (
    <>
      <h1>{t("accounts.title")}</h1>
      <p className="reading">{t("accounts.intro")}</p>

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
                  <span className={account.active ? "tag tag--success" : "tag tag--error"}>
                    {account.active ? t("accounts.active") : t("accounts.inactive")}
                  </span>
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
        <p>{t("accounts.create.intro")}</p>
        <CreateAccountForm action={createAccountAction} />
      </section>
    </>
  );
}
