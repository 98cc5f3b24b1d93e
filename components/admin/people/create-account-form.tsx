"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useTranslations } from "next-intl";
import { startTransition, useActionState, useRef } from "react";
import { useForm } from "react-hook-form";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldValue, IDLE, type ActionState } from "@/lib/actions/action-state";
import { STAFF_ROLES } from "@/lib/domain/enums";
import { newStaffAccountFormSchema, type NewStaffAccountForm, type NewStaffAccountFormInput } from "@/lib/validation/admin-people";
import { ChoiceGroup, TextField } from "@/components/ui/fields";
import { useAccountErrorText, useFieldErrorText } from "./use-error-text";

type FieldName = keyof NewStaffAccountFormInput;
const FIELDS: FieldName[] = ["email", "name", "role", "password", "passwordConfirm"];
/** Where the error summary's link for a field points: the role group has no single input, so its first radio. */
const TARGET: Record<FieldName, string> = { email: "email", name: "name", role: "role-staff", password: "password", passwordConfirm: "passwordConfirm" };

/**
 * New staff account. The browser checks the form with the same zod schema as the server action; without JavaScript
 * the form posts natively and the server's messages appear the same way. Passwords are never echoed back.
 */
export function CreateAccountForm({ action }: { action: (state: ActionState, formData: FormData) => Promise<ActionState> }) {
  const t = useTranslations("adminPeople");
  const fieldText = useFieldErrorText();
  const errorText = useAccountErrorText();
  const [state, formAction] = useActionState(action, IDLE);
  const formRef = useRef<HTMLFormElement>(null);

  const initial = {
    email: fieldValue(state, "email") ?? "",
    name: fieldValue(state, "name") ?? "",
    role: fieldValue(state, "role") === "admin" ? ("admin" as const) : ("staff" as const),
  };
  const form = useForm<NewStaffAccountFormInput, unknown, NewStaffAccountForm>({
    resolver: zodResolver(newStaffAccountFormSchema),
    defaultValues: { ...initial, password: "", passwordConfirm: "" },
    shouldFocusError: false,
  });

  const errorFor = (name: FieldName): string | undefined =>
    fieldText(form.formState.errors[name]?.message ?? (state.status === "error" ? state.fieldErrors[name]?.[0] : undefined));
  const summary = FIELDS.flatMap((name) => {
    const message = errorFor(name);
    return message ? [{ fieldId: TARGET[name], message }] : [];
  });
  return (
    <form
      ref={formRef}
      action={formAction}
      noValidate
      aria-labelledby="create-account-title"
      onSubmit={(event) => {
        event.preventDefault();
        void form.handleSubmit(() => {
          startTransition(() => formAction(new FormData(formRef.current!)));
        })(event);
      }}
    >
      <ErrorSummary entries={summary} intro={errorText(state)} />
      <TextField id="email" type="email" autoComplete="off" label={t("accounts.create.email")} hint={t("accounts.create.emailHint")} error={errorFor("email")} defaultValue={initial.email} registration={form.register("email")} />
      <TextField id="name" autoComplete="off" label={t("accounts.create.name")} error={errorFor("name")} defaultValue={initial.name} registration={form.register("name")} />
      <ChoiceGroup id="role" legend={t("accounts.create.role")} error={errorFor("role")}>
        {STAFF_ROLES.map((role) => (
          <div className="radio" key={role}>
            <input id={`role-${role}`} type="radio" value={role} defaultChecked={initial.role === role} {...form.register("role")} />
            <label htmlFor={`role-${role}`}>
              <strong>{t(`roles.${role}`)}</strong>
              <span className="hint">
                {t(`roleHints.${role}`)}
              </span>
            </label>
          </div>
        ))}
      </ChoiceGroup>
      <TextField id="password" type="password" autoComplete="new-password" label={t("accounts.create.password")} hint={t("accounts.create.passwordHint")} error={errorFor("password")} registration={form.register("password")} />
      <TextField id="passwordConfirm" type="password" autoComplete="new-password" label={t("accounts.create.passwordConfirm")} error={errorFor("passwordConfirm")} registration={form.register("passwordConfirm")} />
      <SubmitButton pendingLabel={t("accounts.create.pending")}>{t("accounts.create.submit")}</SubmitButton>
    </form>
  );
}
