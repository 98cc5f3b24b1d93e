"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { useQueueErrorText } from "./queue-error-text";
import type { FormAction } from "@/components/ui/form-kit";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE } from "@/lib/actions/action-state";

/** "Call next": the server picks by the location's rules, atomically; the answer says whom (or that nobody waits). */
export function CallNextButton({ action, locationId, counter }: { action: FormAction; locationId: number; counter: number }) {
  const t = useTranslations("hall.counter");
  const errorText = useQueueErrorText();
  const [state, formAction] = useActionState(action, IDLE);
  const label = state.status === "success" ? state.data?.label : undefined;
  return (
    <form action={formAction} className="toolbar">
      <input type="hidden" name="locationId" value={locationId} />
      <input type="hidden" name="counter" value={counter} />
      <SubmitButton className="button counter-call-next">{t("callNext")}</SubmitButton>
      <p role="status" className="counter-call-next__result">
        {state.status === "success" && (typeof label === "string" ? t("calledNext", { label, counter }) : t("nobodyWaiting"))}
      </p>
      {errorText(state) && (
        <p className="error-message" role="alert">
          {errorText(state)}
        </p>
      )}
    </form>
  );
}
