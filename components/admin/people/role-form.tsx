"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE } from "@/lib/actions/action-state";
import { STAFF_ROLES, type StaffRole } from "@/lib/domain/enums";
import { FormError } from "./form-error";
import { useFieldErrorText, type FormAction } from "@/components/ui/form-kit";
import { useActionErrorText } from "@/components/ui/office-context";

/** Changing another account's role; the server refuses self-demotion and demoting the last active admin. */
export function RoleForm({
  action,
  userId,
  name,
  currentRole,
}: {
  action: FormAction;
  userId: number;
  name: string;
  currentRole: StaffRole;
}) {
  const t = useTranslations("adminPeople");
  const errorText = useActionErrorText();
  const fieldText = useFieldErrorText();
  const [state, formAction] = useActionState(action, IDLE);
  const fieldCode = state.status === "error" ? (state.fieldErrors.role?.[0] ?? state.fieldErrors.userId?.[0]) : undefined;
  const fieldError = fieldCode ? fieldText(fieldCode) : undefined;
  return (
    <form action={formAction}>
      <FormError text={errorText(state) ?? fieldError} />
      <input type="hidden" name="userId" value={userId} />
      <fieldset className="field">
        <legend>{t("accounts.roleForm.legend", { name })}</legend>
        {STAFF_ROLES.map((role) => (
          <div className="radio" key={role}>
            <input id={`new-role-${role}`} type="radio" name="role" value={role} defaultChecked={currentRole === role} />
            <label htmlFor={`new-role-${role}`}>
              <strong>{t(`roles.${role}`)}</strong>
              <span className="hint">{t(`roleHints.${role}`)}</span>
            </label>
          </div>
        ))}
      </fieldset>
      <SubmitButton>{t("accounts.roleForm.submit")}</SubmitButton>
    </form>
  );
}
