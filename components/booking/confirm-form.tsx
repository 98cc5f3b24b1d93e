"use client";

import { useTranslations } from "next-intl";
import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { useActionErrorText } from "@/components/ui/office-context";
import { SubmitButton } from "@/components/ui/submit-button";
import { ProofOfWorkField } from "./proof-of-work-field";
import { IDLE, type ActionState } from "@/lib/actions/action-state";
import type { Language } from "@/lib/domain/enums";
import { formatDateTime } from "@/lib/i18n/format";

/**
 * The notice shown when the chosen time was taken: at the top of the review page, not under the stale date. It takes
 * focus when it appears and is an alert, so it is announced and keyboard users start from it (WCAG 4.1.3, 2.4.3).
 * Each alternative is a link that swaps in the new time and keeps all else.
 */
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
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="notice notice--warning" id="time-taken" ref={ref} tabIndex={-1} role="alert" aria-labelledby="time-taken-title">
      <h2 id="time-taken-title">{t("takenTitle")}</h2>
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
  language,
  challenge,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  hidden: Record<string, string>;
  /** The proof-of-work challenge for this form (JSON), solved in the browser before sending. */
  challenge: string;
  language: Language;
}) {
  const t = useTranslations("booking.review");
  const errorText = useActionErrorText();
  const [state, formAction] = useActionState(action, IDLE);
  // A time taken meanwhile is not an error of this form: the action sends the citizen back to the review page, which
  // shows the notice at its top (TakenAlternatives).
  return (
    <form action={formAction}>
      <ErrorSummary entries={[]} intro={errorText(state)} />
      {Object.entries(hidden).map(([key, value]) => (
        <input key={key} type="hidden" name={key} value={value} />
      ))}
      <ProofOfWorkField challenge={challenge} language={language} />
      <SubmitButton className="button button--large" pendingLabel={t("submitting")}>
        {t("submit")}
      </SubmitButton>
    </form>
  );
}
