"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormErrorSummary, KitForm, TextField, useKitForm, type FormAction } from "@/components/ui/form-kit";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE } from "@/lib/actions/action-state";
import { passwordResetFormSchema } from "@/lib/validation/admin-people";

/** An admin sets a new password for an account, typed twice; checked in the browser and again on the server. */
export function PasswordForm({ action, userId }: { action: FormAction; userId: number }) {
  const t = useTranslations("adminPeople.accounts.passwordForm");
  const [state, formAction] = useActionState(action, IDLE);
  const kit = useKitForm(passwordResetFormSchema, { state, formAction, defaultValues: { password: "", passwordConfirm: "" } });
  return (
    <KitForm kit={kit}>
      <FormErrorSummary fields={["password", "passwordConfirm"]} />
      <input type="hidden" name="userId" value={userId} />
      <TextField name="password" type="password" autoComplete="new-password" label={t("password")} hint={t("passwordHint")} />
      <TextField name="passwordConfirm" type="password" autoComplete="new-password" label={t("passwordConfirm")} />
      <SubmitButton>{t("submit")}</SubmitButton>
    </KitForm>
  );
}
