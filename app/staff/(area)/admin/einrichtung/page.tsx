import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { ConfirmActionForm } from "@/components/ui/confirm-action-form";
import { requireStaffPage } from "@/lib/auth/staff";
import { setupChecklist, type SetupStep } from "@/lib/services/admin/setup";
import { importSampleCatalogueAction, sendTestMailAction } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("staff.setup");
  return { title: t("title") };
}

const LINKS: Partial<Record<SetupStep, string>> = {
  office: "/staff/admin/einstellungen",
  location: "/staff/admin/standorte/neu",
  openingHours: "/staff/kapazitaet",
  capacity: "/staff/kapazitaet",
  review: "/staff/admin/anliegen",
};

/**
 * The setup checklist of a new installation: what must exist before the first citizen can book, each step with its
 * state and the way to do it. Shown to administrators; every step is judged by what is in the database.
 */
export default async function SetupPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const access = await requireStaffPage("admin");
  const [t, query] = await Promise.all([getTranslations("staff.setup"), searchParams]);
  const checklist = await setupChecklist(access);
  const done = query.erledigt === "katalog" || query.erledigt === "mail" || query.erledigt === "mail-demo" ? query.erledigt : null;

  return (
    <div className="reading">
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      {done && (
        <div className="notice notice--success" role="status">
          <p>{t(`done.${done}`, { email: access.user.email })}</p>
        </div>
      )}
      {checklist.complete && (
        <div className="notice notice--success">
          <p>
            {t("complete")} <Link href="/termin">{t("completeLink")}</Link>
          </p>
        </div>
      )}
      <ol className="setup-steps">
        {checklist.steps.map(({ step, done: isDone }) => (
          <li key={step} className={isDone ? "setup-steps__step setup-steps__step--done" : "setup-steps__step"}>
            <h2>
              {t(`steps.${step}.title`)} <span className={isDone ? "tag tag--success" : "tag tag--warning"}>{isDone ? t("stateDone") : t("stateOpen")}</span>
            </h2>
            <p>{t(`steps.${step}.text`)}</p>
            {step === "concerns" && checklist.catalogueEmpty ? (
              <>
                <ConfirmActionForm action={importSampleCatalogueAction} hidden={{}} label={t("importSample")} variant="primary" />
                <p>
                  <Link href="/staff/admin/anliegen/neu">{t("ownConcern")}</Link>
                </p>
              </>
            ) : step === "concerns" ? (
              <p>
                <Link href="/staff/admin/anliegen">{t("steps.concerns.link")}</Link>
              </p>
            ) : step === "mail" ? (
              <ConfirmActionForm action={sendTestMailAction} hidden={{}} label={t("sendTestMail", { email: access.user.email })} variant="primary" />
            ) : (
              <p>
                <Link href={LINKS[step]!}>{t(`steps.${step}.link`)}</Link>
              </p>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
