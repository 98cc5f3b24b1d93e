"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import type { z } from "zod";
import { ErrorSummary } from "@/components/ui/error-summary";
import { useActionErrorText } from "@/components/ui/office-context";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldValue, IDLE } from "@/lib/actions/action-state";
import { resendEmailSchema, type ResendEmailInput } from "@/lib/validation/resend-email";
import { InputField, useStaffForm, type FormAction } from "./form-kit";

/**
 * "Send again" for one undelivered confirmation, with an optional corrected address. The action redirects on
 * success, so the form only ever shows errors. `bookingLabel` names the button for screen readers in the list.
 */
export function ResendEmailForm({ action, outboxId, bookingLabel }: { action: FormAction; outboxId: number; bookingLabel: string }) {
  const t = useTranslations("staff.undelivered");
  const errorText = useActionErrorText();
  const [state, formAction, pending] = useActionState(action, IDLE);
  const { form, formRef, onSubmit, errorFor, summary } = useStaffForm<z.input<typeof resendEmailSchema>, ResendEmailInput>({
    resolver: zodResolver(resendEmailSchema),
    defaultValues: { outboxId: String(outboxId), email: fieldValue(state, "email") ?? "" },
    state,
    formAction,
  });
  const emailId = `resend-email-${outboxId}`;
  return (
    <form ref={formRef} action={formAction} noValidate onSubmit={onSubmit}>
      <ErrorSummary entries={summary([{ name: "email", id: emailId, label: t("correctEmail") }])} intro={errorText(state)} />
      <input type="hidden" defaultValue={outboxId} {...form.register("outboxId")} />
      <InputField
        id={emailId}
        type="email"
        label={t("correctEmail")}
        hint={t("correctEmailHint")}
        autoComplete="off"
        spellCheck={false}
        maxLength={254}
        defaultValue={fieldValue(state, "email")}
        error={errorFor("email")}
        registration={form.register("email")}
      />
      <SubmitButton className="button" pending={pending}>
        {t("resend")}
        <span className="visually-hidden">: {bookingLabel}</span>
      </SubmitButton>
    </form>
  );
}
