import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { ManageLinkForm } from "@/components/booking/manage-link-form";
import { ErrorSummary } from "@/components/ui/error-summary";
import { FocusHeading } from "@/components/ui/focus-heading";
import { manageLinkFormIssued } from "@/lib/booking-flow/form-proof";
import { IDLE } from "@/lib/actions/action-state";
import { appContext } from "@/lib/services/context";
import { officeSettings } from "@/lib/services/office";
import { generateFormNonce } from "@/lib/booking-tokens";
import { requestManageLink } from "./actions";

export async function generateMetadata() {
  const t = await getTranslations("manageLink");
  return { title: t("title") };
}

const FIELD_ERRORS = { reference_invalid: "nummer", email_required: "email", email_invalid: "email" } as const;
const FORM_ERRORS = ["too_fast", "proof_failed", "rate_limited"] as const;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The manage link sent again: the form's own page, where its errors are shown (the home page has the same form) and
 * where every accepted request ends, with one answer whether or not the booking exists.
 */
export default async function ManageLinkPage({ searchParams }: Props) {
  const [query, t, tFields, tErrors, context] = await Promise.all([
    searchParams,
    getTranslations("manageLink"),
    getTranslations("errors.fields"),
    getTranslations("errors"),
    appContext(),
  ]);
  const { contactPhone } = await officeSettings();

  if (query.gesendet === "1") {
    return (
      <div className="reading">
        <FocusHeading>{t("sentTitle")}</FocusHeading>
        <div className="notice notice--success" role="status">
          <p>{t("sentText")}</p>
        </div>
        <p>{t("sentNoMail", { phone: contactPhone })}</p>
        <div className="button-group">
          <Link href="/termin/link-anfordern" className="button button--secondary">
            {t("again")}
          </Link>
          <Link href="/">{t("home")}</Link>
        </div>
      </div>
    );
  }

  const codes = typeof query.fehler === "string" ? query.fehler.split(",") : [];
  const fieldErrors: { nummer?: string; email?: string } = {};
  for (const code of codes) {
    if (code === "reference_invalid") fieldErrors.nummer = t("errors.reference_invalid");
    else if (code === "email_required" || code === "email_invalid") fieldErrors.email = tFields(code);
  }
  const formError = FORM_ERRORS.find((code) => codes.includes(code));
  const minutes = Number(query.minuten) || 0;
  const intro =
    formError === "rate_limited" ? tErrors("rate_limited", { minutes, phone: contactPhone }) : formError ? t(`errors.${formError}`) : undefined;
  const summary = (Object.keys(FIELD_ERRORS) as (keyof typeof FIELD_ERRORS)[])
    .filter((code) => codes.includes(code))
    .map((code) => ({ fieldId: FIELD_ERRORS[code], message: fieldErrors[FIELD_ERRORS[code]]! }));

  const nonce = generateFormNonce();
  return (
    <div className="reading">
      <FocusHeading skipFocus={summary.length > 0 || Boolean(intro)}>{t("title")}</FocusHeading>
      <ErrorSummary entries={summary} intro={intro} />
      <p>{t("intro")}</p>
      <ManageLinkForm
        action={requestManageLink.bind(null, IDLE)}
        nonce={nonce}
        issued={manageLinkFormIssued(context, nonce)}
        errors={fieldErrors}
        texts={{
          reference: t("reference"),
          referenceHint: t("referenceHint"),
          email: t("email"),
          emailHint: t("emailHint"),
          submit: t("submit"),
          sending: t("sending"),
        }}
      />
    </div>
  );
}
