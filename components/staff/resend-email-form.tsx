"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormErrorSummary, KitForm, TextField, useKitForm, type FormAction } from "@/components/ui/form-kit";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldValue, IDLE } from "@/lib/actions/action-state";
import { resendEmailSchema } from "@/lib/validation/resend-email";

/**
 * "Send again" for one undelivered confirmation, with an optional corrected address. The action redirects on
 * success, so the form only ever shows errors. `bookingLabel` names the button for screen readers in the list.
 */
export function ResendEmailForm({ action, outboxId, bookingLabel }: { action: FormAction; outboxId: number; bookingLabel: string }) {
  const t = useTranslations("staff.undelivered");
  const [state, formAction, pending] = useActionState(action, IDLE);
  const kit = useKitForm(resendEmailSchema, { state, formAction, defaultValues: { outboxId: String(outboxId), email: fieldValue(state, "email") ?? "" } });
  const emailId = `resend-email-${outboxId}`;
  return (
    <KitForm kit={kit}>
      <FormErrorSummary fields={[{ name: "email", id: emailId, label: t("correctEmail") }]} />
      <input type="hidden" defaultValue={outboxId} {...kit.form.register("outboxId")} />
      <TextField name="email" id={emailId} type="email" label={t("correctEmail")} hint={t("correctEmailHint")} autoComplete="off" spellCheck={false} maxLength={254} />
      <SubmitButton className="button" pending={pending}>
        {t("resend")}
        <span className="visually-hidden">: {bookingLabel}</span>
      </SubmitButton>
    </KitForm>
  );
}
