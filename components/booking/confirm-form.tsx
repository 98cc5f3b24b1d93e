"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { useActionErrorText } from "@/components/ui/office-context";
import { SubmitButton } from "@/components/ui/submit-button";
import { ProofOfWorkField } from "./proof-of-work-field";
import { IDLE, type ActionState } from "@/lib/actions/action-state";
import type { Language } from "@/lib/domain/enums";
import { formatDateTime } from "@/lib/i18n/format";

/** Alternatives shown when the chosen time was taken: each a link that swaps in the new time and keeps all else. */
export function TakenAlternatives({
  alternatives,
  otherDayHref,
  language,
  timeZone,
}: {
  alternatives: { iso: string; href: string }[];
  otherDayHref: string;
  language: Language;
  timeZone: string;
}) {
  const t = useTranslations("booking.review");
  return (
    <div className="notice notice--warning">
      <h2>{t("takenTitle")}</h2>
      {alternatives.length > 0 ? (
        <>
          <p>{t("takenText")}</p>
          <ul>
            {alternatives.map((alternative) => {
              const label = formatDateTime(new Date(alternative.iso), language, timeZone);
              return (
                <li key={alternative.iso}>
                  <Link href={alternative.href} aria-label={t("chooseInstead", { dateTime: label })}>
                    {label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <p>{t("takenNone")}</p>
      )}
      <p>
        <Link href={otherDayHref}>{t("takenOtherDay")}</Link>
      </p>
    </div>
  );
}

export function ConfirmForm({
  action,
  hidden,
  alternativeHref,
  otherDayHref,
  language,
  timeZone,
  challenge,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  /** The proof-of-work challenge for this form (JSON), solved in the browser before sending. */
  challenge: string;
  /** The review URL with another time: "{time}" is replaced by the time parameter. */
  alternativeHref: string;
  otherDayHref: string;
  language: Language;
  timeZone: string;
}) {
  const t = useTranslations("booking.review");
  const errorText = useActionErrorText();
  const [state, formAction] = useActionState(action, IDLE);
  const taken = state.status === "error" && state.code === "slot_taken";
  const alternatives = taken && Array.isArray(state.details.alternatives) ? (state.details.alternatives as string[]) : [];
  const toParam = (iso: string) => iso.slice(0, 16).replace(":", "") + "Z";
  return (
    <form action={formAction}>
      {taken ? (
        <TakenAlternatives
          alternatives={alternatives.map((iso) => ({ iso, href: alternativeHref.replace("%7Btime%7D", toParam(iso)).replace("{time}", toParam(iso)) }))}
          otherDayHref={otherDayHref}
          language={language}
          timeZone={timeZone}
        />
      ) : (
        <ErrorSummary entries={[]} intro={errorText(state)} />
      )}
      {Object.entries(hidden).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      {!taken && <ProofOfWorkField challenge={challenge} language={language} />}
      {!taken && (
        <SubmitButton className="button button--large" pendingLabel={t("submitting")}>
          {t("submit")}
        </SubmitButton>
      )}
    </form>
  );
}
