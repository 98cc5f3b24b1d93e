import { getTranslations } from "next-intl/server";
import Link from "next/link";
import type { StaffAccess } from "@/lib/auth/staff-access";

/**
 * What a staff page shows before the installation has its first location: a title, why it is empty, and for
 * administrators the way to the setup checklist.
 */
export async function NoLocationYet({ title, access }: { title: string; access: Pick<StaffAccess, "user"> }) {
  const t = await getTranslations("staff.setup");
  return (
    <>
      <h1>{title}</h1>
      <div className="notice">
        <p>{t("noLocation")}</p>
        {access.user.role === "admin" ? (
          <p>
            <Link href="/staff/admin/einrichtung">{t("toChecklist")}</Link>
          </p>
        ) : (
          <p>{t("askAdmin")}</p>
        )}
      </div>
    </>
  );
}
