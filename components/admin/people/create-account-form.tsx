"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { ChoiceGroup } from "@/components/ui/fields";
import { FormErrorSummary, KitForm, TextField, useKitForm, type FormAction } from "@/components/ui/form-kit";
import { SubmitButton } from "@/components/ui/submit-button";
import { fieldValue, IDLE } from "@/lib/actions/action-state";
import { STAFF_ROLES } from "@/lib/domain/enums";
import { newStaffAccountFormSchema } from "@/lib/validation/admin-people";

/**
 * New staff account. The browser checks the form with the same zod schema as the server action; without JavaScript
 * the form posts natively and the server's messages appear the same way. Passwords are never echoed back.
 */
export function CreateAccountForm({ action }: { action: FormAction }) {
  const t = useTranslations("adminPeople");
  const [state, formAction] = useActionState(action, IDLE);
  const initial = {
    email: fieldValue(state, "email") ?? "",
    name: fieldValue(state, "name") ?? "",
    role: fieldValue(state, "role") === "admin" ? ("admin" as const) : ("staff" as const),
    password: "",
    passwordConfirm: "",
  };
  const kit = useKitForm(newStaffAccountFormSchema, { state, formAction, defaultValues: initial });
  const roleError = kit.errorFor("role");
  return (
    <KitForm kit={kit} aria-labelledby="create-account-title">
      {/* The role group has no single input: the summary links to its first radio. */}
      <FormErrorSummary fields={["email", "name", { name: "role", id: "role-staff" }, "password", "passwordConfirm"]} />
      <TextField name="email" type="email" autoComplete="off" label={t("accounts.create.email")} hint={t("accounts.create.emailHint")} />
      <TextField name="name" autoComplete="off" label={t("accounts.create.name")} />
      <ChoiceGroup id="role" legend={t("accounts.create.role")} error={roleError}>
        {STAFF_ROLES.map((role) => (
          <div className="radio" key={role}>
            <input id={`role-${role}`} type="radio" value={role} defaultChecked={initial.role === role} {...kit.form.register("role")} />
            <label htmlFor={`role-${role}`}>
              <strong>{t(`roles.${role}`)}</strong>
              <span className="hint">{t(`roleHints.${role}`)}</span>
            </label>
          </div>
        ))}
      </ChoiceGroup>
      <TextField name="password" type="password" autoComplete="new-password" label={t("accounts.create.password")} hint={t("accounts.create.passwordHint")} />
      <TextField name="passwordConfirm" type="password" autoComplete="new-password" label={t("accounts.create.passwordConfirm")} />
      <SubmitButton pendingLabel={t("accounts.create.pending")}>{t("accounts.create.submit")}</SubmitButton>
    </KitForm>
  );
}
