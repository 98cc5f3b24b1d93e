"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { startTransition, useActionState, useRef } from "react";
import { useForm } from "react-hook-form";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type ActionState } from "@/lib/actions/action-state";
import { passwordResetFormSchema, type PasswordResetFormInput } from "@/lib/validation/admin-people";
import { TextField } from "@/components/ui/fields";
import { useAccountErrorText, useFieldErrorText } from "./use-error-text";

const FIELDS = ["password", "passwordConfirm"] as const;

/** An admin sets a new password for an account, typed twice; checked in the browser and again on the server. */
export function PasswordForm({ action, userId }: { action: (state: ActionState, formData: FormData) => Promise<ActionState>; userId: number }) {
  const t = useTranslations("adminPeople.accounts.passwordForm");
  const fieldText = useFieldErrorText();
  const errorText = useAccountErrorText();
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useRef<HTMLFormElement>(null);
  const form = useForm<PasswordResetFormInput>({
    resolver: zodResolver(passwordResetFormSchema),
    defaultValues: { password: "", passwordConfirm: "" },
    shouldFocusError: false,
  });

  const errorFor = (name: (typeof FIELDS)[number]): string | undefined =>
    fieldText(form.formState.errors[name]?.message ?? (state.status === "error" ? state.fieldErrors[name]?.[0] : undefined));
  const summary = FIELDS.flatMap((name) => {
    const message = errorFor(name);
    return message ? [{ fieldId: name, message }] : [];
  });

  return (
    <form
      ref={formRef}
      action={formAction}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void form.handleSubmit(() => {
          startTransition(() => formAction(new FormData(formRef.current!)));
        })(event);
      }}
    >
      <ErrorSummary entries={summary} intro={errorText(state)} />
      <input type="hidden" name="userId" value={userId} />
      <TextField id="password" type="password" autoComplete="new-password" label={t("password")} hint={t("passwordHint")} error={errorFor("password")} registration={form.register("password")} />
      <TextField id="passwordConfirm" type="password" autoComplete="new-password" label={t("passwordConfirm")} error={errorFor("passwordConfirm")} registration={form.register("passwordConfirm")} />
      <SubmitButton>{t("submit")}</SubmitButton>
    </form>
  );
}
