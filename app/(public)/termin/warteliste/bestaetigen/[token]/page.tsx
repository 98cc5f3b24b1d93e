import { getTranslations } from "next-intl/server";
import { ConfirmActionForm } from "@/components/ui/confirm-action-form";
import { FocusHeading } from "@/components/ui/focus-heading";
import { appContext } from "@/lib/services/context";
import { findEntryByToken, isUnconfirmedTooLong } from "@/lib/services/waiting-list/entries";
import { confirmAction } from "../../actions";

export async function generateMetadata() {
  const t = await getTranslations("waitingList.confirm");
  return { title: t("title"), robots: { index: false, follow: false } };
}

type Props = { params: Promise<{ token: string }>; searchParams: Promise<Record<string, string | undefined>> };

/** The link in the sign-up mail opens this page; only its button (a POST) confirms: mail scanners follow links. */
export default async function ConfirmWaitingListPage({ params, searchParams }: Props) {
  const [{ token }, query, t, context] = await Promise.all([params, searchParams, getTranslations("waitingList.confirm"), appContext()]);
  const entry = await findEntryByToken(context.db, token);
  if (!entry || isUnconfirmedTooLong(entry, context.now())) {
    return (
      <div className="reading">
        <FocusHeading>{t("title")}</FocusHeading>
        <p>{t("gone")}</p>
      </div>
    );
  }
  if (entry.status !== "unconfirmed") {
    return (
      <div className="reading">
        {query.bestaetigt === "1" && (
          <div className="notice notice--success" role="status">
            <p>{t("doneTitle")}</p>
          </div>
        )}
        <FocusHeading>{t("doneTitle")}</FocusHeading>
        <p>{t("done")}</p>
      </div>
    );
  }
  return (
    <div className="reading">
      <FocusHeading>{t("title")}</FocusHeading>
      <p>{t("text")}</p>
      <ConfirmActionForm action={confirmAction} hidden={{ token }} label={t("submit")} />
    </div>
  );
}
