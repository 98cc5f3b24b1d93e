"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { useActionErrorText } from "@/components/ui/office-context";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type ActionState } from "@/lib/actions/action-state";

export function CancelWithReasonForm({ action, bookingId }: { action: (state: ActionState, formData: FormData) => Promise<ActionState>; bookingId: number }) {
  const t = useTranslations("staff.booking");
  const errorText = useActionErrorText();
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction}>
      <ErrorSummary entries={[]} intro={errorText(state)} />
      <input type="hidden" name="bookingId" value={bookingId} />
      <div className="field">
        <label htmlFor="reason">{t("cancelReason")}</label>
        <input id="reason" name="reason" type="text" maxLength={300} />
      </div>
      <SubmitButton className="button button--danger">{t("cancelConfirm")}</SubmitButton>
    </form>
  );
}
