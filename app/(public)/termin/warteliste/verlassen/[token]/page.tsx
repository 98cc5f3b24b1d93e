import { getTranslations } from "next-intl/server";
import { ConfirmActionForm } from "@/components/ui/confirm-action-form";
import { FocusHeading } from "@/components/ui/focus-heading";
import { appContext } from "@/lib/services/context";
import { findEntryByToken } from "@/lib/services/waiting-list/entries";
import { leaveAction } from "../../actions";

export async function generateMetadata() {
  const t = await getTranslations("waitingList.leave");
  return { title: t("title"), robots: { index: false, follow: false } };
}

/** Leaving needs the button (a POST); the link alone changes nothing. */
export default async function LeaveWaitingListPage({ params }: { params: Promise<{ token: string }> }) {
  const [{ token }, t, tConfirm, context] = await Promise.all([params, getTranslations("waitingList.leave"), getTranslations("waitingList.confirm"), appContext()]);
  const entry = await findEntryByToken(context.db, token);
  return (
    <div className="reading">
      <FocusHeading>{t("title")}</FocusHeading>
      {entry ? (
        <>
          <p>{t("text")}</p>
          <ConfirmActionForm action={leaveAction} hidden={{ token }} label={t("submit")} danger />
        </>
      ) : (
        <p>{tConfirm("gone")}</p>
      )}
    </div>
  );
}
