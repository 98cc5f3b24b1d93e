import { getTranslations } from "next-intl/server";
import type { PublicStaffUser } from "@/lib/auth/staff-access";

/**
 * An account's status in words (never only in colour): active, deactivated, or for single sign-on accounts why they
 * have no access yet or any more.
 */
export async function AccountStatusTag({ account }: { account: Pick<PublicStaffUser, "active" | "ssoAccess"> }) {
  const t = await getTranslations("adminPeople.accounts");
  if (account.ssoAccess === "pending") return <span className="tag tag--warning">{t("sso.pending")}</span>;
  if (account.ssoAccess === "claim_removed" && !account.active) return <span className="tag tag--error">{t("sso.claimRemoved")}</span>;
  return <span className={account.active ? "tag tag--success" : "tag tag--error"}>{account.active ? t("active") : t("inactive")}</span>;
}
